import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralError, PluginLoader, type LateralPluginV1, type ProviderV1 } from '@lateral/core';
import { errorsOf, failureOf, fakeImporter, openEngine, run, temporaryDataDir, testAiProvider, testManagedProvider, testRegistry } from './engine-test-kit.js';

function pluginOf(name: string, ...providers: ProviderV1[]): LateralPluginV1 {
  return {
    specificationVersion: 'v1',
    name,
    provides: providers.map((provider) => `provider:${provider.id}`),
    register: (registrar) => providers.forEach((provider) => registrar.registerProvider(provider)),
  };
}

const localLike = { ...testManagedProvider, id: 'local' };

const PACKAGES = {
  '@lateral/provider-testai': { plugin: pluginOf('@lateral/provider-testai', testAiProvider) },
  '@lateral/provider-local': { plugin: pluginOf('@lateral/provider-local', localLike, testManagedProvider) },
  '@lateral/provider-broken': { notAPlugin: true },
  '@lateral/provider-liar': { plugin: pluginOf('@lateral/provider-liar', testAiProvider) },
};

describe('PluginLoader', () => {
  it('imports @lateral/provider-<id> once and registers its plugin', async () => {
    const registry = testRegistry(false);
    const { importer, requested } = fakeImporter(PACKAGES);
    const loader = new PluginLoader(registry, importer, (specifier) => `file:///node_modules/${specifier}/dist/index.js`);
    await Promise.all([loader.ensureProvider('TestAI'), loader.ensureProvider('testai')]);
    await loader.ensureProvider('testai');
    expect(requested).toEqual(['@lateral/provider-testai']);
    expect(registry.provider('testai')).toBe(testAiProvider);
    expect(loader.moduleUrlFor('testai')).toBe('file:///node_modules/@lateral/provider-testai/dist/index.js');
  });

  it('serves confluent from @lateral/provider-local', async () => {
    const registry = testRegistry(false);
    const { importer, requested } = fakeImporter(PACKAGES);
    const loader = new PluginLoader(registry, importer, (specifier) => `file:///${specifier}`);
    await loader.ensureProvider('confluent');
    await loader.ensureProvider('local');
    expect(requested).toEqual(['@lateral/provider-local']);
    expect(registry.provider('confluent')).toBeDefined();
    expect(loader.moduleUrlFor('confluent')).toBe('file:///@lateral/provider-local');
  });

  it('says how to install a missing provider', async () => {
    const { importer } = fakeImporter(PACKAGES);
    const loader = new PluginLoader(testRegistry(false), importer);
    const error = await loader.ensureProvider('sagemaker').catch((caught: unknown) => caught as LateralError);
    expect(error).toMatchObject({
      code: 'LATERAL_ERR_PROVIDER_UNKNOWN',
      message: "Provider 'sagemaker' is not installed: add @lateral/provider-sagemaker (pnpm add @lateral/provider-sagemaker).",
    });
  });

  it('reports a package without a plugin, a plugin without the provider, a broken dependency and a bad id', async () => {
    const registry = testRegistry(false);
    const broken = new PluginLoader(registry, fakeImporter(PACKAGES).importer);
    await expect(broken.ensureProvider('broken')).rejects.toMatchObject({ code: 'LATERAL_ERR_PLUGIN_INVALID' });
    await expect(broken.ensureProvider('liar')).rejects.toMatchObject({ code: 'LATERAL_ERR_PLUGIN_INVALID', message: expect.stringContaining("does not provide provider 'liar'") });
    const inner = new PluginLoader(testRegistry(false), async () => {
      throw Object.assign(new Error("Cannot find package 'left-pad' imported from /x/provider.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    await expect(inner.ensureProvider('openai')).rejects.toMatchObject({ code: 'LATERAL_ERR_PLUGIN_INVALID' });
    await expect(broken.ensureProvider('../../etc')).rejects.toMatchObject({ code: 'LATERAL_ERR_PROVIDER_UNKNOWN' });
  });

  it('resolves the module URL of a provider registered up front', () => {
    const loader = new PluginLoader(testRegistry(), async () => ({}), (specifier) => `file:///${specifier}`);
    expect(loader.moduleUrlFor('testai')).toBe('file:///@lateral/provider-testai');
    expect(new PluginLoader(testRegistry(), async () => ({})).moduleUrlFor('testai')).toBeUndefined();
  });
});

describe('Engine with a plugin loader', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await temporaryDataDir());
  });
  afterEach(async () => {
    await cleanup();
  });

  it('loads the provider of a connection type, of a model, and of a model used by a query', async () => {
    const { importer, requested } = fakeImporter(PACKAGES);
    const registry = testRegistry(false);
    const engine = await openEngine(dir, { registry, pluginLoader: new PluginLoader(registry, importer) });
    await run(engine, "CREATE CONNECTION chat WITH ('type' = 'TESTAI', 'endpoint' = 'http://127.0.0.1:9/v1/chat/completions', 'api-key' = 'k-12345')");
    expect(requested).toEqual(['@lateral/provider-testai']);
    await run(engine, "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'confluent', 'task' = 'text_generation', 'confluent.model' = 'x')");
    expect(requested).toEqual(['@lateral/provider-testai', '@lateral/provider-local']);

    // A new process: nothing registered until a query names the model.
    const fresh = fakeImporter(PACKAGES);
    const freshRegistry = testRegistry(false);
    const reopened = await openEngine(dir, { registry: freshRegistry, pluginLoader: new PluginLoader(freshRegistry, fresh.importer) });
    await run(reopened, 'CREATE TABLE t (x STRING)');
    expect(fresh.requested).toEqual([]);
    await run(reopened, "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('m', t.x))");
    expect(fresh.requested).toEqual(['@lateral/provider-local']);
  });

  it('reports a missing provider package with every other CREATE MODEL problem', async () => {
    const registry = testRegistry(false);
    const engine = await openEngine(dir, { registry, pluginLoader: new PluginLoader(registry, fakeImporter(PACKAGES).importer) });
    const failure = await failureOf(engine, "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'vertexai', 'task' = 'nope')");
    expect(errorsOf(failure).map((error) => error.code)).toEqual(['LATERAL_ERR_PROVIDER_UNKNOWN', 'LATERAL_ERR_TASK_UNKNOWN']);
    expect(errorsOf(failure)[0]?.message).toContain('pnpm add @lateral/provider-vertexai');
  });

  it('names the package for a connection type nobody serves', async () => {
    const registry = testRegistry(false);
    const engine = await openEngine(dir, { registry, pluginLoader: new PluginLoader(registry, fakeImporter(PACKAGES).importer) });
    const failure = await failureOf(engine, "CREATE CONNECTION c WITH ('type' = 'azureml', 'endpoint' = 'https://x.example.com/', 'api-key' = 'k-12345')");
    expect(errorsOf(failure)[0]?.message).toContain('add @lateral/provider-azureml');
  });
});
