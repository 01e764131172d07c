import { describe, expect, it } from 'vitest';
import { LateralError, type ResolvedConnection } from '@lateral/core';
import { awsConnectionDiagnostics, awsConnectionSchema, awsCredentialsOf, awsRegionOf, type AwsEndpointRules } from '@lateral/provider-utils';

/** A made-up AWS runtime: `/run` paths, the region in `run.<region>.amazonaws.com`. */
const RULES: AwsEndpointRules = {
  providerId: 'someaws',
  exampleRegion: 'eu-west-3',
  parseEndpoint(endpoint) {
    const url = new URL(endpoint);
    if (!url.pathname.endsWith('/run')) throw new Error(`For someaws endpoint expected …/run, got ${endpoint}`);
    return { url, hostRegion: /^run\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] };
  },
};

function connection(endpoint: string, options: Record<string, string> = {}, secrets: Record<string, string> = {}): ResolvedConnection {
  return { name: 'aws_conn', type: 'someaws', endpoint, options, secrets };
}

describe('awsConnectionSchema', () => {
  it('has the AWS keys, the region fallback with the example region, and the provider endpoint check', () => {
    const schema = awsConnectionSchema(RULES);
    expect(schema.types).toEqual(['someaws']);
    expect(schema.secretKeys).toEqual(['aws-access-key', 'aws-secret-key', 'aws-session-token']);
    expect(schema.requiredKeys).toEqual(['aws-access-key', 'aws-secret-key']);
    expect(schema.optionalKeys[0]?.key).toBe('region');
    expect(schema.optionalKeys[0]?.description).toContain("'eu-west-3'");
    expect(schema.validateEndpoint?.('https://run.us-east-1.amazonaws.com/run')).toBeUndefined();
    expect(schema.validateEndpoint?.('https://run.us-east-1.amazonaws.com/other')).toContain('expected …/run');
  });
});

describe('awsCredentialsOf', () => {
  it('reads the keys, and the session token when there is one', () => {
    const secrets = { 'aws-access-key': 'AKIDEXAMPLE', 'aws-secret-key': 'secret-1' };
    expect(awsCredentialsOf('someaws', connection('http://x/run', {}, secrets))).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-1' });
    expect(awsCredentialsOf('someaws', connection('http://x/run', {}, { ...secrets, 'aws-session-token': 'tok' })).sessionToken).toBe('tok');
  });

  it('fails as an auth error naming the keys, never their values', () => {
    let caught: unknown;
    try {
      awsCredentialsOf('someaws', connection('http://x/run', {}, { 'aws-access-key': 'AKIDEXAMPLE' }));
    } catch (error) {
      caught = error;
    }
    expect(LateralError.isInstance(caught)).toBe(true);
    expect((caught as LateralError).code).toBe('LATERAL_ERR_PROVIDER_AUTH');
    expect((caught as LateralError).message).toBe("someaws: connection 'aws_conn' needs both 'aws-access-key' and 'aws-secret-key'.");
  });
});

describe('awsRegionOf', () => {
  it("takes the host's region, else the connection's", () => {
    expect(awsRegionOf(RULES, 'us-east-1', connection('http://x/run'))).toEqual({ region: 'us-east-1' });
    expect(awsRegionOf(RULES, undefined, connection('http://x/run', { region: ' ap-south-1 ' }))).toEqual({ region: 'ap-south-1' });
    expect(awsRegionOf(RULES, 'us-east-1', connection('http://x/run', { region: 'us-east-1' }))).toEqual({ region: 'us-east-1' });
  });

  it('reports a conflict and a missing region with the example region', () => {
    expect(awsRegionOf(RULES, 'us-east-1', connection('http://x/run', { region: 'us-west-2' }))).toEqual({
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      problem: "someaws: connection option 'region' = 'us-west-2' contradicts the endpoint's region 'us-east-1'.",
    });
    expect(awsRegionOf(RULES, undefined, connection('http://x/run', { region: '  ' }))).toEqual({
      code: 'LATERAL_ERR_OPTION_MISSING',
      problem: "someaws: the endpoint host does not name an AWS region; set the connection option 'region' (e.g. 'eu-west-3').",
    });
  });
});

describe('awsConnectionDiagnostics', () => {
  it('reports an unusable endpoint on `endpoint` and a missing region on `region`', () => {
    expect(awsConnectionDiagnostics(RULES, connection('http://127.0.0.1:1/other'))).toEqual([
      { code: 'LATERAL_ERR_OPTION_INVALID', message: 'For someaws endpoint expected …/run, got http://127.0.0.1:1/other', option: 'endpoint' },
    ]);
    expect(awsConnectionDiagnostics(RULES, connection('http://127.0.0.1:1/run')).map((d) => [d.code, d.option])).toEqual([['LATERAL_ERR_OPTION_MISSING', 'region']]);
  });

  it('has nothing to say about a good connection, or none', () => {
    expect(awsConnectionDiagnostics(RULES, connection('https://run.us-east-1.amazonaws.com/run'))).toEqual([]);
    expect(awsConnectionDiagnostics(RULES, undefined)).toEqual([]);
  });
});
