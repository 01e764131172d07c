#!/usr/bin/env node
// @ts-check
/**
 * The baseline: what a user would write instead of Lateral. The official `openai` client pointed
 * at the same server, `p-limit` at the same concurrency, one request per row, the SDK's default
 * retries (maxRetries 2, which also retries 429s, honouring `retry-after(-ms)` when present).
 * It reads the same NDJSON input and writes the same NDJSON output as Lateral's sink; a row whose
 * request still fails after the SDK's retries is counted and left out (a user's try/catch).
 *
 *   OPENAI_API_KEY=... node benchmarks/baseline/openai-plimit.mjs --kind chat|embeddings \
 *     --input in.ndjson --output out.ndjson --base-url http://127.0.0.1:PORT/v1 --concurrency 64
 */
import { readFile, writeFile } from 'node:fs/promises';
import OpenAI from 'openai';
import pLimit from 'p-limit';

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const options = { kind: 'chat', concurrency: '10', model: 'gpt-4o-mini', 'max-retries': '2', 'system-prompt': 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i] ?? '';
    if (!name.startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument '${name}'`);
    options[name.slice(2)] = /** @type {string} */ (argv[i + 1]);
  }
  for (const required of ['input', 'output', 'base-url']) if (!options[required]) throw new Error(`--${required} is required`);
  return options;
}

const options = parseArgs(process.argv.slice(2));
const client = new OpenAI({ baseURL: options['base-url'], apiKey: process.env.OPENAI_API_KEY, maxRetries: Number(options['max-retries']) });
const limit = pLimit(Number(options.concurrency));

const rows = (await readFile(/** @type {string} */ (options.input), 'utf8'))
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));

let failed = 0;
/** @type {string | undefined} */
let firstError;

/** @param {{ id: number, text: string }} row */
async function predict(row) {
  if (options.kind === 'embeddings') {
    const response = await client.embeddings.create({ model: options.model ?? 'text-embedding-3-small', input: row.text });
    return { id: row.id, embedding: response.data[0]?.embedding };
  }
  const response = await client.chat.completions.create({
    model: options.model ?? 'gpt-4o-mini',
    messages: [
      { role: 'system', content: options['system-prompt'] ?? '' },
      { role: 'user', content: row.text },
    ],
  });
  return { id: row.id, label: response.choices[0]?.message.content };
}

const results = await Promise.all(
  rows.map((row) =>
    limit(async () => {
      try {
        return await predict(row);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
        return undefined;
      }
    }),
  ),
);

await writeFile(
  /** @type {string} */ (options.output),
  results
    .filter((result) => result !== undefined)
    .map((result) => `${JSON.stringify(result)}\n`)
    .join(''),
);
process.stderr.write(`${JSON.stringify({ rows: rows.length, failed, firstError })}\n`);
