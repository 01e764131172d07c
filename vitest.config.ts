import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every plugin package (provider-*, connector-*, function-*) is found by its directory, so adding one
// needs no edit here.
const plugins = readdirSync(new URL('./packages/', import.meta.url)).filter((name) => /^(provider|connector|function)-/.test(name) && name !== 'provider-utils');

/** Unit and integration tests run against package sources; end-to-end tests spawn the built CLI. */
const sourceAliases = [
  { find: /^@lateral\/spec$/, replacement: fileURLToPath(new URL('./packages/spec/src/index.ts', import.meta.url)) },
  { find: /^@lateral\/core$/, replacement: fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
  { find: /^@lateral\/parser$/, replacement: fileURLToPath(new URL('./packages/parser/src/index.ts', import.meta.url)) },
  { find: /^@lateral\/provider-utils$/, replacement: fileURLToPath(new URL('./packages/provider-utils/src/index.ts', import.meta.url)) },
  ...plugins.map((dir) => ({
    find: new RegExp(`^@lateral/${dir}$`),
    replacement: fileURLToPath(new URL(`./packages/${dir}/src/index.ts`, import.meta.url)),
  })),
];

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
