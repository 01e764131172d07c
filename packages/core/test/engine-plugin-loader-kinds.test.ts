import { describe, expect, it } from 'vitest';
import { PluginLoader, type ConnectorV1, type LateralPluginV1, type TableFunctionV1 } from '@lateral/core';
import { pluginPackageFor, publishedPluginIds } from '@lateral/spec';
import { fakeImporter, testAiProvider, testRegistry } from './engine-test-kit.js';

/** A connector that holds no rows: enough to be registered and found. */
function emptyConnector(id: string): ConnectorV1 {
  return {
    specificationVersion: 'v1',
    id,
    validate: () => [],
    async *read() {},
    openSink: async () => ({ write: async () => undefined, close: async () => undefined, abort: async () => undefined }) as never,
  };
}

const queueConnector = emptyConnector('queue');
const queuePlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/connector-queue',
  provides: ['connector:queue'],
  register: (registrar) => void registrar.registerConnector(queueConnector),
};
/** An aggregate that yields nothing: enough to be registered and found. */
const scoreFunction: TableFunctionV1 = {
  specificationVersion: 'v1',
  name: 'ML_SCORE',
  kind: 'aggregate',
  bind: () => ({ outputColumns: [] }),
  async *operator() {},
};
const scorePlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/function-ml-score',
  provides: ['table-function:ML_SCORE'],
  // needs a provider package: the loader brings it in by the same rule first
  dependencies: ['provider:testai'],
  register: (registrar) => void registrar.registerTableFunction(scoreFunction),
};
const PACKAGES = {
  '@lateral/connector-queue': { plugin: queuePlugin },
  '@lateral/connector-old': { plugin: { ...queuePlugin, name: '@lateral/connector-old', specificationVersion: 'v0' } },
  '@lateral/connector-liar': { plugin: { ...queuePlugin, name: '@lateral/connector-liar' } },
  '@lateral/function-ml-score': { plugin: scorePlugin },
  '@lateral/provider-testai': {
    plugin: {
      specificationVersion: 'v1',
      name: '@lateral/provider-testai',
      provides: ['provider:testai'],
      register: (registrar) => void registrar.registerProvider(testAiProvider),
    } satisfies LateralPluginV1,
  },
};

describe('the naming rule', () => {
  it('maps every plugin kind to its package, and a declared alias to the package that answers to it', () => {
    expect(pluginPackageFor('provider', 'OpenAI')).toBe('@lateral/provider-openai');
    expect(pluginPackageFor('provider', 'brandnew')).toBe('@lateral/provider-brandnew');
    expect(pluginPackageFor('provider', 'confluent')).toBe('@lateral/provider-local');
    expect(pluginPackageFor('connector', 'Kafka')).toBe('@lateral/connector-kafka');
    expect(pluginPackageFor('table-function', 'ML_SCORE')).toBe('@lateral/function-ml-score');
  });

  it('lists published providers with their aliases', () => {
    expect(publishedPluginIds('provider')).toContain('confluent');
    expect(publishedPluginIds('provider', (entry) => entry.usesConnection !== false)).not.toContain('confluent');
  });
});

describe('PluginLoader for connectors and table functions', () => {
  it('imports @lateral/connector-<id> once and registers its connector', async () => {
    const registry = testRegistry(false);
    const { importer, requested } = fakeImporter(PACKAGES);
    const loader = new PluginLoader(registry, importer);
    await Promise.all([loader.ensureConnector('Queue'), loader.ensureConnector('queue')]);
    await loader.ensureConnector('queue');
    expect(requested).toEqual(['@lateral/connector-queue']);
    // a v1 connector is registered through the v2 adapter
    expect(registry.connector('queue')).toMatchObject({ id: 'queue' });
  });

  it('does not import a package for a connector the kernel has built in', async () => {
    const { importer, requested } = fakeImporter(PACKAGES);
    await new PluginLoader(testRegistry(false), importer).ensureConnector('memory');
    expect(requested).toEqual([]);
  });

  it('loads a table function package and the provider package it declares it needs', async () => {
    const registry = testRegistry(false);
    const { importer, requested } = fakeImporter(PACKAGES);
    const loader = new PluginLoader(registry, importer);
    await loader.ensureTableFunction('ml_score');
    await expect(loader.ensureTableFunction('ML_SCORE')).resolves.toBe(scoreFunction);
    expect(requested).toEqual(['@lateral/function-ml-score', '@lateral/provider-testai']);
    expect(registry.provider('testai')).toBe(testAiProvider);
  });

  it('says which connector package to add; leaves a missing table function to the binder', async () => {
    const { importer, requested } = fakeImporter(PACKAGES);
    const loader = new PluginLoader(testRegistry(false), importer);
    await expect(loader.ensureConnector('kafka')).rejects.toMatchObject({
      code: 'LATERAL_ERR_CONNECTOR_UNKNOWN',
      message: "Connector 'kafka' is not installed: add @lateral/connector-kafka (pnpm add @lateral/connector-kafka).",
    });
    await expect(loader.ensureTableFunction('AI_TRANSLATE')).resolves.toBeUndefined();
    expect(requested).toContain('@lateral/function-ai-translate');
  });

  it('checks the contract version, what the package provides, and the name', async () => {
    const loader = new PluginLoader(testRegistry(false), fakeImporter(PACKAGES).importer);
    await expect(loader.ensureConnector('old')).rejects.toMatchObject({ code: 'LATERAL_ERR_PLUGIN_INVALID' });
    await expect(loader.ensureConnector('liar')).rejects.toMatchObject({
      code: 'LATERAL_ERR_PLUGIN_INVALID',
      message: expect.stringContaining("does not provide connector 'liar'"),
    });
    await expect(loader.ensureConnector('../x')).rejects.toMatchObject({ code: 'LATERAL_ERR_CONNECTOR_UNKNOWN' });
  });
});
