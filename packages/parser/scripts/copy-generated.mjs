// Copies the generated parser into dist/ after tsc: tsc only reads src/generated/parser.d.ts
// (allowJs stays off so peggy's precise .d.ts is used), so it never emits parser.js itself.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
cpSync(`${packageDir}src/generated`, `${packageDir}dist/generated`, { recursive: true });
