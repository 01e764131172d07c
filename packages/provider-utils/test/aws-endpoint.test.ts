import { describe, expect, it } from 'vitest';
import { awsEndpointUrl, awsHostRegion } from '@lateral/provider-utils';

describe('awsEndpointUrl', () => {
  it('accepts any http(s) URL', () => {
    expect(awsEndpointUrl('someaws', 'http://127.0.0.1:9000/run', '<shape>').pathname).toBe('/run');
  });

  it('names the expected shape when the text is not a URL, and the scheme when it is not http(s)', () => {
    expect(() => awsEndpointUrl('someaws', 'nope', 'http(s)://<host>/run')).toThrow('For someaws endpoint expected to match http(s)://<host>/run, got nope');
    expect(() => awsEndpointUrl('someaws', 'ftp://example.test/run', '<shape>')).toThrow('For someaws endpoint expected an http(s) URL, got ftp:');
  });
});

describe('awsHostRegion', () => {
  const SERVICE = 'run(?:-fips)?\\.someaws';
  it('reads the region of public, FIPS, VPC endpoint and China hosts', () => {
    expect(awsHostRegion('run.someaws.us-east-1.amazonaws.com', SERVICE)).toBe('us-east-1');
    expect(awsHostRegion('run-fips.someaws.us-gov-west-1.amazonaws.com', SERVICE)).toBe('us-gov-west-1');
    expect(awsHostRegion('vpce-0abc.run.someaws.eu-central-1.vpce.amazonaws.com', SERVICE)).toBe('eu-central-1');
    expect(awsHostRegion('run.someaws.cn-north-1.amazonaws.com.cn', SERVICE)).toBe('cn-north-1');
  });

  it('finds none on other hosts, or a host that only resembles the service', () => {
    expect(awsHostRegion('127.0.0.1', SERVICE)).toBeUndefined();
    expect(awsHostRegion('myrun.someaws.us-east-1.amazonaws.com', SERVICE)).toBeUndefined();
    expect(awsHostRegion('run.someaws.us-east-1.example.com', SERVICE)).toBeUndefined();
  });
});
