import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LateralPluginV1, ProviderV1 } from '@lateral/core';
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
