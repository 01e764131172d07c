import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const providers = ['openai', 'azureopenai', 'azureml', 'anthropic', 'bedrock', 'sagemaker', 'fireworksai', 'googleai', 'vertexai', 'local'];

/** Unit and integration tests run against package sources; end-to-end tests spawn the built CLI. */
const sourceAliases = [
  { find: /^@lateral\/core$/, replacement: fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
  { find: /^@lateral\/parser$/, replacement: fileURLToPath(new URL('./packages/parser/src/index.ts', import.meta.url)) },
  { find: /^@lateral\/provider-utils$/, replacement: fileURLToPath(new URL('./packages/provider-utils/src/index.ts', import.meta.url)) },
  { find: /^@lateral\/connector-filesystem$/, replacement: fileURLToPath(new URL('./packages/connector-filesystem/src/index.ts', import.meta.url)) },
  ...providers.map((id) => ({
    find: new RegExp(`^@lateral/provider-${id}$`),
    replacement: fileURLToPath(new URL(`./packages/provider-${id}/src/index.ts`, import.meta.url)),
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
