import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConnectorV2, LateralPluginV1, ProviderV1 } from '@lateral/core';
import { FAKE_STARTERS } from './fakes/registry.js';

/**
 * Every provider package has the same layout (docs: provider package layout), so a reader who
 * knows one knows them all. This walks every `packages/provider-*` directory except
 * `provider-utils`, the helpers the providers share (not a provider itself).
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const providerIds = readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('provider-') && entry.name !== 'provider-utils')
  .map((entry) => entry.name.slice('provider-'.length))
  .sort();

const REQUIRED_SOURCES = ['plugin', 'provider', 'connection', 'options', 'default-format', 'transport', 'error'];

function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

describe.each(providerIds)('packages/provider-%s', (id) => {
  const dir = `packages/provider-${id}`;

  it('has the layout files', () => {
    const expected = [
      'package.json',
      'tsconfig.json',
      'README.md',
      'src/index.ts',
      'src/version.ts',
      ...REQUIRED_SOURCES.map((name) => `src/${id}-${name}.ts`),
    ];
    const missing = expected.filter((file) => !existsSync(join(ROOT, dir, file)));
    expect(missing, `missing in ${dir}`).toEqual([]);
  });

  it('has tests named test/<id>-*.test.ts', () => {
    const testDir = join(ROOT, dir, 'test');
    const tests = existsSync(testDir) ? readdirSync(testDir).filter((file) => file.startsWith(`${id}-`) && file.endsWith('.test.ts')) : [];
    expect(tests.length, `no test/${id}-*.test.ts in ${dir}`).toBeGreaterThan(0);
  });

  it('names the package after the provider and keeps VERSION equal to package.json', () => {
    const manifest = JSON.parse(read(`${dir}/package.json`)) as { name: string; version: string };
    expect(manifest.name).toBe(`@lateral/provider-${id}`);
    expect(read(`${dir}/src/version.ts`)).toContain(`export const VERSION = '${manifest.version}';`);
  });

  it('exports explicitly from src/index.ts (no export *)', () => {
    expect(read(`${dir}/src/index.ts`)).not.toMatch(/export\s+\*/);
  });

  it('exports `plugin` and `<id>Provider` with the contract shapes', async () => {
    const module = (await import(`@lateral/provider-${id}`)) as Record<string, unknown>;
    const plugin = module.plugin as LateralPluginV1 | undefined;
    const provider = module[`${id}Provider`] as ProviderV1 | undefined;
    expect(plugin, 'export `plugin`').toBeDefined();
    expect(provider, `export \`${id}Provider\``).toBeDefined();
    expect(plugin?.specificationVersion).toBe('v1');
    expect(plugin?.name).toBe(`@lateral/provider-${id}`);
    expect(plugin?.provides).toContain(`provider:${id}`);
    expect(provider?.specificationVersion).toBe('v1');
    expect(provider?.id).toBe(id);
    expect(typeof provider?.defaultInputFormat).toBe('function');
    expect(typeof provider?.createTransport).toBe('function');
    if (provider?.requiresConnection) {
      expect(provider.connectionTypes.length).toBeGreaterThan(0);
      for (const type of provider.connectionTypes) {
        expect(provider.connectionSchemas.some((schema) => schema.types.includes(type)), `a connection schema for '${type}'`).toBe(true);
      }
    }
  });

  it('has a fake server registered for serve-fake (providers that call a remote service)', async () => {
    const module = (await import(`@lateral/provider-${id}`)) as Record<string, unknown>;
    const provider = module[`${id}Provider`] as ProviderV1 | undefined;
    if (provider && !provider.requiresConnection) return;
    expect(existsSync(join(ROOT, `test/fakes/${id}-fake.ts`)), `test/fakes/${id}-fake.ts`).toBe(true);
    expect(Object.keys(FAKE_STARTERS), 'test/fakes/registry.ts').toContain(id);
  });
});

/**
 * Connector packages (`packages/connector-*`, loaded for `'connector' = '<id>'`) share one layout
 * too: the plugin, the connector (contract v2), its options, a README listing every option.
 */
const connectorIds = readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('connector-'))
  .map((entry) => entry.name.slice('connector-'.length))
  .sort();

describe('connector packages', () => {
  it('exist (the filesystem connector is one)', () => {
    expect(connectorIds).toContain('filesystem');
  });
});

describe.each(connectorIds)('packages/connector-%s', (id) => {
  const dir = `packages/connector-${id}`;

  it('has the layout files and tests named test/<id>-*.test.ts', () => {
    const expected = ['package.json', 'tsconfig.json', 'README.md', 'src/index.ts', 'src/version.ts', `src/${id}-plugin.ts`, `src/${id}-connector.ts`, `src/${id}-options.ts`];
    expect(expected.filter((file) => !existsSync(join(ROOT, dir, file))), `missing in ${dir}`).toEqual([]);
    const testDir = join(ROOT, dir, 'test');
    const tests = existsSync(testDir) ? readdirSync(testDir).filter((file) => file.startsWith(`${id}-`) && file.endsWith('.test.ts')) : [];
    expect(tests.length, `no test/${id}-*.test.ts in ${dir}`).toBeGreaterThan(0);
  });

  it('names the package after the connector, keeps VERSION equal to package.json, exports explicitly', () => {
    const manifest = JSON.parse(read(`${dir}/package.json`)) as { name: string; version: string };
    expect(manifest.name).toBe(`@lateral/connector-${id}`);
    expect(read(`${dir}/src/version.ts`)).toContain(`export const VERSION = '${manifest.version}';`);
    expect(read(`${dir}/src/index.ts`)).not.toMatch(/export\s+\*/);
  });

  it('exports `plugin` and `<id>Connector` (contract v2), and the CLI depends on the package so it loads by name', async () => {
    const module = (await import(`@lateral/connector-${id}`)) as Record<string, unknown>;
    const plugin = module.plugin as LateralPluginV1 | undefined;
    const connector = module[`${id}Connector`] as ConnectorV2 | undefined;
    expect(plugin?.name).toBe(`@lateral/connector-${id}`);
    expect(plugin?.provides).toContain(`connector:${id}`);
    expect(connector?.specificationVersion).toBe('v2');
    expect(connector?.id).toBe(id);
    expect(typeof connector?.bounded).toBe('boolean');
    const cli = JSON.parse(read('packages/cli/package.json')) as { dependencies: Record<string, string> };
    expect(cli.dependencies[`@lateral/connector-${id}`]).toBe('workspace:*');
  });

  it('lists every option the connector accepts in its README', async () => {
    const module = (await import(`@lateral/connector-${id}`)) as Record<string, unknown>;
    const connector = module[`${id}Connector`] as ConnectorV2;
    // An unknown key makes validate name the accepted ones (for every format the connector reads).
    const accepted = new Set<string>();
    for (const format of [undefined, 'json', 'csv']) {
      const options: Record<string, string> = { connector: id, 'no-such-option': 'x', ...(format ? { format } : {}) };
      for (const diagnostic of connector.validate({ name: 't', columns: [], options })) {
        if (diagnostic.option === 'no-such-option') for (const key of diagnostic.expected ?? []) accepted.add(key);
      }
    }
    expect(accepted.size, 'validate names the accepted keys').toBeGreaterThan(0);
    const readme = read(`${dir}/README.md`);
    expect([...accepted].filter((key) => !readme.includes(`\`${key}\``)), `options missing from ${dir}/README.md`).toEqual([]);
  });
});
