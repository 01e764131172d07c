import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralError, redactSecretValues, type ConnectorV2, type Row } from '@lateral/core';
import { errorsOf, failureOf, openEngine, rowsOf, run, runOne, temporaryDataDir, testRegistry } from './engine-test-kit.js';
import { storedDocuments, storedTableSecrets } from './store-test-kit.js';
import { isTableSecretOption } from '../src/options/table-secret-options.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="hunter2-jaas";';

/**
 * A stream-like connector for the tests: it declares a secret pattern of its own, records the
 * options it is handed, and (with 'fail' = 'open') fails quoting its credentials, as a client
 * library's error may.
 */
function recordingConnector(seen: Array<Readonly<Record<string, string>>>): ConnectorV2 {
  return {
    specificationVersion: 'v2',
    id: 'recording',
    bounded: false,
    secretOptions: ['properties.*.auth'],
    validate: () => [],
    source(table, context) {
      seen.push({ ...table.options });
      expect(context.options).toEqual(table.options);
      return {
        bounded: true,
        async *read() {
          yield { rows: [[1] as Row], positions: { offset: 1 } };
        },
      };
    },
    async openSink(table) {
      seen.push({ ...table.options });
      throw new Error(`authentication failed with ${table.options['properties.sasl.jaas.config']} and ${table.options['password']}`);
    },
  };
}

const CREATE = `CREATE TABLE events (id INT) WITH (
  'connector' = 'recording',
  'topic' = 'events',
  'properties.sasl.jaas.config' = '${JAAS.replace(/'/g, "''")}',
  'properties.ssl.key.password' = '\${env:KEY_PASSWORD}',
  'properties.custom.auth' = 'declared-secret-value',
  'password' = 'plain-password-1'
)`;

let data: { dir: string; cleanup: () => Promise<void> };
let seen: Array<Readonly<Record<string, string>>>;

async function engineWith(environment: Record<string, string | undefined> = { KEY_PASSWORD: 'key-password-from-env' }) {
  const registry = testRegistry();
  registry.registerConnector(recordingConnector(seen));
  return openEngine(data.dir, { registry, environment });
}

beforeEach(async () => {
  data = await temporaryDataDir();
  seen = [];
});
afterEach(() => data.cleanup());

describe('table options that are secrets', () => {
  it('counts Kafka-style keys, passwords, keys and secrets as secret, and the connector declared patterns; not formats or topics', () => {
    for (const key of ['properties.sasl.jaas.config', 'properties.sasl.password', 'properties.ssl.key.password', 'password', 'aws.secret', 'properties.ssl.keystore.key']) {
      expect(isTableSecretOption(key), key).toBe(true);
    }
    for (const key of ['connector', 'topic', 'key.format', 'key.fields', 'value.format', 'path', 'format', 'csv.field-delimiter', 'properties.bootstrap.servers', 'scan.startup.mode']) {
      expect(isTableSecretOption(key), key).toBe(false);
    }
    expect(isTableSecretOption('properties.custom.name', ['properties.*.name'])).toBe(true);
    expect(isTableSecretOption('properties.custom.name')).toBe(false);
  });

  it('CREATE TABLE keeps their values in the store secrets, in the transaction of the catalog entry; the catalog holds none', async () => {
    const engine = await engineWith();
    await run(engine, CREATE);
    const { catalog } = storedDocuments(data.dir);
    const secrets = storedTableSecrets(data.dir);
    for (const value of ['hunter2-jaas', '${env:KEY_PASSWORD}', 'declared-secret-value', 'plain-password-1']) {
      expect(catalog).not.toContain(value);
      expect(secrets).toContain(value.replace(/"/g, '\\"'));
    }
    const entry = (JSON.parse(catalog!) as { tables: Array<{ name: string; options: Record<string, string>; secretKeys: string[] }> }).tables[0]!;
    expect(entry.options).toEqual({ connector: 'recording', topic: 'events' });
    expect(entry.secretKeys).toEqual(['password', 'properties.custom.auth', 'properties.sasl.jaas.config', 'properties.ssl.key.password']);
    expect((await stat(join(data.dir, 'lateral.db'))).mode & 0o777).toBe(0o600);
  });

  it('SHOW CREATE TABLE masks them, an env reference stays as written', async () => {
    const engine = await engineWith();
    await run(engine, CREATE);
    const [[text]] = (await rowsOf(engine, 'SHOW CREATE TABLE events')) as [[string]];
    expect(text).toContain("'topic' = 'events'");
    expect(text).toContain("'properties.sasl.jaas.config' = '*****'");
    expect(text).toContain("'properties.custom.auth' = '*****'");
    expect(text).toContain("'password' = '*****'");
    expect(text).toContain("'properties.ssl.key.password' = '${env:KEY_PASSWORD}'");
    expect(text).not.toContain('hunter2');
  });

  it('the connector is handed every option with its secret back and ${env:NAME} resolved at run time', async () => {
    const engine = await engineWith();
    await run(engine, CREATE);
    expect(await rowsOf(engine, 'SELECT id FROM events')).toEqual([[1]]);
    expect(seen.at(-1)).toEqual({
      connector: 'recording',
      topic: 'events',
      'properties.sasl.jaas.config': JAAS,
      'properties.ssl.key.password': 'key-password-from-env',
      'properties.custom.auth': 'declared-secret-value',
      password: 'plain-password-1',
    });
  });

  it('an unset variable fails naming the option and the table, not a value', async () => {
    await (await engineWith()).executeScript(CREATE).next();
    const engine = await engineWith({});
    const [error] = errorsOf(await failureOf(engine, 'SELECT id FROM events'));
    expect(error?.code).toBe('LATERAL_ERR_SECRET_ENV_UNSET');
    expect(error?.message).toBe("Environment variable 'KEY_PASSWORD' is not set; it is referenced by option 'properties.ssl.key.password' of table 'events'.");
  });

  it("a connector's error that quotes a secret is masked", async () => {
    const engine = await engineWith();
    await run(engine, CREATE);
    const [error] = errorsOf(await failureOf(engine, 'INSERT INTO events VALUES (2)'));
    expect(error?.code).toBe('LATERAL_ERR_CONNECTOR_IO');
    expect(error?.message).toContain("Opening table 'events' failed: authentication failed with ***** and *****");
    expect(error?.message).not.toContain('hunter2');
    expect(error?.message).not.toContain('plain-password-1');
    expect(LateralError.isInstance(error) && String((error as Error).cause ?? '')).not.toContain('hunter2');
  });

  it('the statement text kept on errors and traces masks them, the keys the connector declared too once it is registered', async () => {
    const before = redactSecretValues(CREATE.replace("'properties.custom.auth'", "'properties.other.auth'"));
    expect(before).not.toContain('hunter2');
    expect(before).not.toContain('plain-password-1');
    expect(before).toContain("'topic' = 'events'");
    await engineWith();
    const redacted = redactSecretValues(CREATE);
    expect(redacted).not.toContain('declared-secret-value');
    expect(redacted).toContain("'topic' = 'events'");
    expect(isTableSecretOption('properties.custom.auth')).toBe(true);
  });

  it('DROP TABLE removes its secrets with it', async () => {
    const engine = await engineWith();
    await run(engine, CREATE);
    expect(storedTableSecrets(data.dir)).toContain('events');
    await runOne(engine, 'DROP TABLE events');
    expect(storedTableSecrets(data.dir)).toBe('{}');
  });
});
