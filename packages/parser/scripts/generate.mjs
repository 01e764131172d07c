// Generates src/generated/parser.js (+ .d.ts) from the grammar files in src/grammar/.
//
// The generated files are build output (see .gitignore): `pnpm build` runs this before tsc, and
// scripts/copy-generated.mjs copies them into dist/ afterwards, because tsc does not emit .js
// files it only reads through a .d.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

// Order matters only for the first file: its first rule is the default start rule.
const grammarFiles = [
  'statements.peggy',
  'ddl.peggy',
  'insert.peggy',
  'utility.peggy',
  'query.peggy',
  'expression.peggy',
  'model-ref.peggy',
  'types.peggy',
  'names.peggy',
  'keywords.peggy',
  'lexical.peggy',
].map((file) => `src/grammar/${file}`);

// The parse functions' return types point at the hand-written AST (relative to src/generated/).
const returnTypes = {
  Script: "import('../ast.js').Script",
  SingleStatement: "import('../ast.js').Statement",
  ModelNameText: "import('../ast.js').ObjectName",
};

mkdirSync(`${packageDir}src/generated`, { recursive: true });
execFileSync(
  process.execPath,
  [
    require.resolve('peggy/bin/peggy.js'),
    '--format', 'es',
    '--dts',
    '--allowed-start-rules', Object.keys(returnTypes).join(','),
    '--return-types', JSON.stringify(returnTypes),
    '--output', 'src/generated/parser.js',
    ...grammarFiles,
  ],
  { cwd: packageDir, stdio: 'inherit' },
);
