import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKernelContainer, LateralKernel, TOKENS, type LateralPluginV1, type PluginRegistry } from '../src/index.js';

const extraPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: 'test-extra',
  provides: ['task:clustering'],
  register: () => undefined,
};

describe('the kernel container', () => {
  it('builds the registry from every plugin registered under TOKENS.Plugin', () => {
    const scope = createKernelContainer({ dataDir: '/unused', environment: {}, importer: async () => ({}), plugins: [extraPlugin] });
    const registry = scope.resolve<PluginRegistry>(TOKENS.Registry);
    expect(registry.has('input-format:OPENAI-CHAT')).toBe(true);
    expect(registry.has('task:embedding')).toBe(true);
    expect(registry.has('connector:memory')).toBe(true);
    expect(scope.resolveAll(TOKENS.Plugin)).toContain(extraPlugin);
    // One registry per container.
    expect(scope.resolve(TOKENS.Registry)).toBe(registry);
  });

  it('resolves the kernel with its services injected and opens a working engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lateral-kernel-'));
    const scope = createKernelContainer({ dataDir, environment: {}, importer: async () => ({}), inference: { mode: 'in-process' } });
    const kernel = scope.resolve(LateralKernel);
    expect(kernel.registry).toBe(scope.resolve(TOKENS.Registry));
    expect(kernel.inference).toBe(scope.resolve(TOKENS.InferenceRunner));
    expect(kernel.dataDir).toBe(dataDir);
    const engine = await kernel.openEngine();
    const results = [];
    for await (const result of engine.executeScript("SELECT 1 AS one, 'x' AS two;")) {
      if (result.kind === 'rows') for await (const batch of result.rows) results.push(...batch);
    }
    expect(results).toEqual([[1, 'x']]);
    await kernel.close();
  });
});
