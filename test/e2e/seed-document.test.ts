import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ANTHROPIC_DEFAULT_MODEL } from '@lateral/provider-anthropic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { deterministicEmbedding, sentimentLabel } from '../fakes/fake-content.js';
import { startFireworksAIFake, type FireworksAIFake } from '../fakes/fireworksai-fake.js';
import { startGoogleAIFake, type GoogleAIFake } from '../fakes/googleai-fake.js';
import type { RecordedRequest } from '../fakes/http-fake.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { readSeedStatements, seedDocumentPath, type SeedStatement } from '../support/seed-document.js';
import { expectNoSecrets, lateral, newDataDir, type LateralRun } from './fixtures/cli-kit.js';

/**
 * Issue 8 item 13: every statement of the seed document ("Run an AI Model with Confluent Cloud",
 * `shared/seed/`), read from the document and run unchanged — placeholder keys, real provider
 * endpoints and all — through the built CLI, in the document's order, on one data directory. The
 * CLI process is started with test/support/route-to-fakes.mjs, which sends each provider host to
 * its fake (and refuses any other host), so the SQL needs no edits and no real provider is called.
 *
 * The statements that cannot run as written, and why (each asserts its coded error):
 */
const CANNOT_RUN: ReadonlyArray<{ statement: string; code: string; alsoCodes?: string[]; why: string }> = [
  {
    statement: 'CREATE CONNECTION bedrock_connection',
    code: 'LATERAL_ERR_OPTION_INVALID',
    why: "the endpoint keeps the document's placeholders (`<REGION>`, `<MODEL_ID>` in the host name): it is not a URL",
  },
  { statement: 'CREATE MODEL bedrock_embed', code: 'LATERAL_ERR_CATALOG_NOT_FOUND', why: 'its connection was refused' },
  { statement: "AI_EMBEDDING('bedrock_embed'", code: 'LATERAL_ERR_CATALOG_NOT_FOUND', why: 'its model was refused' },
  {
    statement: 'CREATE CONNECTION azureopenai_connection',
    code: 'LATERAL_ERR_OPTION_INVALID',
    why: 'the endpoint keeps the placeholders `<your-resource-name>` (in the host name) and `<your-deployment-name>`',
  },
  { statement: 'CREATE MODEL azure_embed', code: 'LATERAL_ERR_CATALOG_NOT_FOUND', why: 'its connection was refused' },
  { statement: "AI_EMBEDDING('azure_embed'", code: 'LATERAL_ERR_CATALOG_NOT_FOUND', why: 'its model was refused' },
  { statement: 'FROM google_input', code: 'LATERAL_ERR_BIND_UNKNOWN_TABLE', why: 'the document never creates `google_input`' },
  {
    statement: 'CREATE MODEL `managed_model_embedding`',
    code: 'LATERAL_ERR_FORMAT_SCHEMA',
    alsoCodes: ['LATERAL_ERR_LOCAL_MODEL_NOT_FOUND'],
    why:
      "'task' = 'classification' with an embedding OUTPUT (ARRAY<FLOAT>): a classification answer is one text column; " +
      'and BAAI/bge-large-en-v1.5 is not built in (the message says how to export it into the models directory)',
  },
];

const FIREWORKS_DEPLOYMENT = '<your-fireworks-deployment-base-name>';

let anthropic: AnthropicFake;
let fireworks: FireworksAIFake;
let google: GoogleAIFake;
let openai: OpenAIFake;
let statements: SeedStatement[];
let env: Record<string, string>;
const dir = newDataDir();

/** The `'api-key'` a seed CREATE CONNECTION sets, as written (a placeholder such as `<your-api-key>`). */
function seedApiKey(connection: string): string {
  const statement = statements.find((s) => s.sql.startsWith(`CREATE CONNECTION ${connection} `) || s.sql.startsWith(`CREATE CONNECTION \`${connection}\` `));
  const key = /'api-key'\s*=\s*'([^']*)'/.exec(statement?.sql ?? '')?.[1];
  if (key === undefined) throw new Error(`the seed has no api-key for ${connection}`);
  return key;
}

beforeAll(async () => {
  // Fails (never skips) when the shared document is missing.
  statements = readSeedStatements();
  anthropic = await startAnthropicFake({ apiKey: seedApiKey('anthropic-connection'), models: [ANTHROPIC_DEFAULT_MODEL] });
  // the account's deployment carries the name the document's placeholder stands for
  fireworks = await startFireworksAIFake({ apiKey: seedApiKey('fireworksai-connection'), models: [FIREWORKS_DEPLOYMENT] });
  google = await startGoogleAIFake({ apiKey: seedApiKey('googleai_connection') });
  openai = await startOpenAIFake({ apiKey: seedApiKey('openai_connection'), models: ['gpt-3.5-turbo'] });
  const routes = {
    'https://api.anthropic.com': anthropic.url,
    'https://api.fireworks.ai': fireworks.url,
    'https://generativelanguage.googleapis.com': google.url,
    'https://api.openai.com': openai.url,
  };
  const preload = pathToFileURL(join(REPO_ROOT, 'test/support/route-to-fakes.mjs')).href;
  env = { NODE_OPTIONS: `--import=${preload}`, LATERAL_TEST_ROUTES: JSON.stringify(routes) };
});
afterAll(async () => {
  await Promise.all([anthropic?.close(), fireworks?.close(), google?.close(), openai?.close()]);
});

/** Runs the seed statement that contains `needle` (exactly one must), as written, plus its `;`. */
async function runSeed(needle: string): Promise<{ run: LateralRun; statement: SeedStatement }> {
  const matching = statements.filter((s) => s.sql.includes(needle));
  expect(matching.map((s) => s.line), `seed statements containing ${needle}`).toHaveLength(1);
  const statement = matching[0]!;
  const run = await lateral(dir, `${statement.sql};`, { env });
  return { run, statement };
}

function expectRan(run: LateralRun): void {
  expect(run.stderr.match(/LATERAL_ERR_[A-Z_]+[^\n]*/)?.[0] ?? '', run.stderr).toBe('');
  expect(run.code, run.stderr).toBe(0);
}

function sent(fake: { requests: RecordedRequest[] }, from: number): RecordedRequest[] {
  return fake.requests.slice(from);
}

describe(`the seed document's statements, unchanged, through the CLI (${seedDocumentPath()})`, () => {
  it('reads 27 statements from the document, each either runs or is listed with its reason', () => {
    expect(statements).toHaveLength(27);
    for (const entry of CANNOT_RUN) expect(statements.filter((s) => s.sql.includes(entry.statement)), entry.statement).toHaveLength(1);
  });

  // The document's order matters (tables and connections first), so each statement is its own
  // test, run in sequence on the same data directory.
  const order = [
    ['CREATE CONNECTION `anthropic-connection`', 'ok'],
    ['CREATE MODEL `anthropic-model`', 'ok'],
    ['CREATE TABLE `anthropic-input-table`', 'ok'],
    ['INSERT INTO `anthropic-input-table`', 'ok'],
    ['AI_COMPLETE(`anthropic-model`', 'anthropic rows'],
    ['CREATE TABLE `text_input`', 'ok'],
    ['INSERT INTO text_input', 'ok'],
    ['CREATE CONNECTION bedrock_connection', 'fails'],
    ['CREATE MODEL bedrock_embed', 'fails'],
    ["AI_EMBEDDING('bedrock_embed'", 'fails'],
    ['CREATE CONNECTION azureopenai_connection', 'fails'],
    ['CREATE MODEL azure_embed', 'fails'],
    ["AI_EMBEDDING('azure_embed'", 'fails'],
    ['CREATE CONNECTION `fireworksai-connection`', 'ok'],
    ['CREATE MODEL `fireworksai-embed`', 'ok'],
    ['AI_EMBEDDING(`fireworksai-embed`', 'fireworks rows'],
    ['CREATE CONNECTION googleai_connection', 'ok'],
    ['CREATE MODEL google_text_cli', 'ok'],
    ['FROM google_input', 'fails'],
    ['CREATE TABLE text_stream', 'ok'],
    ['SELECT 1 id', 'ok'],
    ['SELECT 2 id', 'ok'],
    ['SELECT 3 id', 'ok'],
    ['CREATE CONNECTION openai_connection', 'ok'],
    ['CREATE MODEL sentimentmodel', 'ok'],
    ["ML_PREDICT('sentimentmodel'", 'openai rows'],
    ['CREATE MODEL `managed_model_embedding`', 'fails'],
  ] as const;

  it('covers every statement of the document, in its order', () => {
    const covered = order.map(([needle]) => statements.findIndex((s) => s.sql.includes(needle)));
    expect(covered.filter((index) => index < 0)).toEqual([]);
    expect([...covered].sort((a, b) => a - b)).toEqual(covered);
    expect(new Set(covered).size).toBe(statements.length);
  });

  for (const [needle, outcome] of order) {
    it(`${outcome === 'fails' ? 'refuses, with its coded error' : 'runs'}: ${needle}`, async () => {
      const before = { anthropic: anthropic.requests.length, fireworks: fireworks.requests.length, google: google.requests.length, openai: openai.requests.length };
      const { run, statement } = await runSeed(needle);
      expectNoSecrets(run, [anthropic.apiKey, fireworks.apiKey, google.apiKey, openai.apiKey]);
      if (outcome === 'fails') {
        const entry = CANNOT_RUN.find((e) => e.statement === needle)!;
        expect(run.code, run.stderr).not.toBe(0);
        expect(run.stderr, entry.why).toMatch(new RegExp(`<command line>:\\d+:\\d+: ${entry.code}:`));
        // that reason alone: no error that follows from it (a format guessed without the endpoint)
        expect([...new Set(run.stderr.match(/LATERAL_ERR_[A-Z_]+/g))], run.stderr).toEqual([entry.code, ...(entry.alsoCodes ?? [])]);
        expect(run.stderr).not.toContain('LATERAL_ERR_INTERNAL');
        return;
      }
      expectRan(run);
      if (outcome === 'anthropic rows') {
        const questions = ['What is the capital of France?', 'What is the capital of Germany?', 'What is the capital of Italy?'];
        expect(run.rows).toEqual(questions.map((prompt, index) => ({ id: index + 1, prompt, output: sentimentLabel(prompt) })));
        const requests = sent(anthropic, before.anthropic);
        expect(requests).toHaveLength(3);
        for (const request of requests) {
          // no anthropic.model_version in the seed: the provider's documented default is sent
          expect(request.json).toMatchObject({ model: ANTHROPIC_DEFAULT_MODEL, max_tokens: 2048 });
          expect(request.headers['x-api-key']).toBe(anthropic.apiKey);
        }
      } else if (outcome === 'fireworks rows') {
        const inputs = ['alien', 'goldfinger', 'license to kill', 'aliens'];
        expect(run.rows.map((row) => [row.id, row.input])).toEqual(inputs.map((input, index) => [String(index + 1), input]));
        for (const [index, row] of run.rows.entries()) {
          const vector = row.embedding as number[];
          const expected = deterministicEmbedding(inputs[index]!, vector.length);
          expect(vector.map((v) => Number(v.toFixed(5)))).toEqual(expected.map((v) => Number(v.toFixed(5))));
        }
        const requests = sent(fireworks, before.fireworks);
        expect(requests.length).toBeGreaterThan(0);
        for (const request of requests) {
          expect(request.path).toBe('/inference/v1/embeddings');
          expect(request.json).toMatchObject({ model: FIREWORKS_DEPLOYMENT });
        }
      } else if (outcome === 'openai rows') {
        const texts = ['The mitochondria are the powerhouse of the cell', 'Happy Birthday! You are great!', 'Today was bad day in the stock market.'];
        expect(run.rows).toEqual(texts.map((text, index) => ({ id: index + 1, text, sentiment: sentimentLabel(text) })));
        const requests = sent(openai, before.openai);
        expect(requests).toHaveLength(3);
        for (const request of requests) {
          expect(request.json).toMatchObject({
            model: 'gpt-3.5-turbo',
            messages: [{ role: 'system', content: 'Analyze the sentiment of the text and return only POSITIVE, NEGATIVE, or NEUTRAL.' }, { role: 'user' }],
          });
        }
      }
      expect(statement.line).toBeGreaterThan(0);
    });
  }
});
