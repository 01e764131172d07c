import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, LateralError, LateralErrors } from '@lateral/core';
import { parse, printStatement, type Statement } from '@lateral/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../packages/core/src/engine/parse-script.js';
import { executeInsert, executeQuery } from '../../packages/core/src/query/index.js';
import { col, createContext, insert, t, table, tempDir, type TestContext } from '../../packages/core/test/query-fixtures.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { readSeedStatements } from '../support/seed-document.js';

/**
 * Fuzzing the parser and binder (issue 8): seeded, generated SQL — mutations of the shipped
 * examples and of the seed document's statements, token soup, random characters, deep nestings,
 * flat chains thousands of operators long, huge literals — goes through the engine's parse, the
 * canonical printer, and (when it parses) the binder and evaluator over a small in-memory catalog.
 * Every failure must be a LateralError with a catalogued code other than LATERAL_ERR_INTERNAL: no
 * raw JS error, no stack overflow. LATERAL_FUZZ_SEED and LATERAL_FUZZ_COUNT reproduce or widen a run.
 */
const SEED = Number(process.env.LATERAL_FUZZ_SEED ?? 20261204);
const COUNT = Number(process.env.LATERAL_FUZZ_COUNT ?? 10_000);

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed gives the same inputs everywhere. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

class Generator {
  private readonly random: () => number;
  constructor(seed: number, private readonly corpus: readonly string[]) {
    this.random = prng(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }

  /** One input and the name of the generator that made it (for the failure report). */
  next(): { kind: string; sql: string } {
    const roll = this.random();
    // the cheap generators most often; chains, nestings and huge literals cost milliseconds each
    if (roll < 0.53) return { kind: 'mutation', sql: this.mutate(this.pick(this.corpus)) };
    if (roll < 0.72) return { kind: 'expression', sql: this.expressionStatement() };
    if (roll < 0.85) return { kind: 'tokens', sql: this.tokens(this.int(1, 60)) };
    if (roll < 0.94) return { kind: 'characters', sql: this.characters(this.int(0, 200)) };
    if (roll < 0.975) return { kind: 'chain', sql: this.chain() };
    if (roll < 0.995) return { kind: 'nesting', sql: this.nesting() };
    const huge = this.hugeLiteral();
    return { kind: `huge ${huge.what}`, sql: huge.sql };
  }

  private mutate(source: string): string {
    let sql = source;
    for (let step = this.int(1, 4); step > 0; step -= 1) {
      const at = this.int(0, sql.length);
      const to = Math.min(sql.length, at + this.int(0, 20));
      switch (this.int(0, 8)) {
        case 0: // delete a span
          sql = sql.slice(0, at) + sql.slice(to);
          break;
        case 1: // duplicate a span
          sql = sql.slice(0, to) + sql.slice(at, to) + sql.slice(to);
          break;
        case 2: // insert a token
          sql = `${sql.slice(0, at)} ${this.pick(TOKENS)} ${sql.slice(at)}`;
          break;
        case 3: // replace a character
          sql = sql.slice(0, at) + this.characters(1) + sql.slice(at + 1);
          break;
        case 4: // truncate
          sql = sql.slice(0, at);
          break;
        case 5: // splice in part of another statement
          sql = sql.slice(0, at) + this.pick(this.corpus).slice(this.int(0, 40), this.int(40, 120)) + sql.slice(at);
          break;
        case 6: // wrap a span in parentheses, or nest it deeply
          sql = `${sql.slice(0, at)}${'('.repeat(this.chance(0.1) ? 300 : 1)}${sql.slice(at, to)}${')'.repeat(this.chance(0.5) ? 1 : 0)}${sql.slice(to)}`;
          break;
        case 7: // an expression where one may be
          sql = `${sql.slice(0, at)}${this.expression(3)}${sql.slice(at)}`;
          break;
        default: // a quote, comment or bracket left open
          sql = sql.slice(0, at) + this.pick(["'", '`', '"', '/*', '--', '(', ')', '[', ']', '<', '>', ';', '$', '${env:'] as const) + sql.slice(at);
      }
    }
    return sql;
  }

  tokens(count: number): string {
    return Array.from({ length: count }, () => this.pick(TOKENS)).join(this.chance(0.8) ? ' ' : '');
  }

  characters(count: number): string {
    let text = '';
    for (let i = 0; i < count; i += 1) {
      const roll = this.random();
      if (roll < 0.5) text += String.fromCharCode(this.int(32, 126));
      else if (roll < 0.6) text += String.fromCharCode(this.int(0, 31));
      else if (roll < 0.75) text += String.fromCharCode(this.int(0x80, 0x2fff));
      else if (roll < 0.8) text += String.fromCharCode(this.int(0xd800, 0xdfff)); // lone surrogates
      else if (roll < 0.85) text += String.fromCodePoint(this.int(0x1f300, 0x1faff));
      else text += this.pick(["'", '`', '"', '(', ')', ',', ';', '-', '/', '*', '$', '.', ' ', '\n', '\r', '\t']);
    }
    return text;
  }

  expression(depth: number): string {
    if (depth <= 0 || this.chance(0.3)) return this.pick(LEAVES);
    const sub = (): string => this.expression(depth - 1);
    switch (this.int(0, 11)) {
      case 0:
        return `${sub()} ${this.pick(BINARY)} ${sub()}`;
      case 1:
        return `(${sub()})`;
      case 2:
        return `${this.pick(['NOT ', '-', '- '])}${sub()}`;
      case 3:
        return `${this.pick(FUNCTIONS)}(${Array.from({ length: this.int(0, 3) }, sub).join(', ')})`;
      case 4:
        return `CASE ${this.chance(0.5) ? `${sub()} ` : ''}WHEN ${sub()} THEN ${sub()}${this.chance(0.5) ? ` ELSE ${sub()}` : ''} END`;
      case 5:
        return `${this.pick(['CAST', 'TRY_CAST'])}(${sub()} AS ${this.pick(TYPES)})`;
      case 6:
        return `ARRAY[${Array.from({ length: this.int(0, 3) }, sub).join(', ')}]`;
      case 7:
        return `MAP[${sub()}, ${sub()}]`;
      case 8:
        return `${sub()} IS ${this.chance(0.5) ? 'NOT ' : ''}NULL`;
      case 9:
        return `${sub()} ${this.chance(0.5) ? 'NOT ' : ''}LIKE ${sub()}`;
      case 10:
        return `${sub()} ${this.pick(BINARY)}`; // a dangling operator
      default:
        return `${sub()} ${this.pick(BINARY)} ${sub()} ${this.pick(BINARY)} ${sub()}`;
    }
  }

  private expressionStatement(): string {
    const e = (): string => this.expression(this.int(1, 6));
    switch (this.int(0, 4)) {
      case 0:
        return `SELECT ${e()} AS a, ${e()} FROM t WHERE ${e()}`;
      case 1:
        return `SELECT id, ${e()} AS v FROM t, LATERAL TABLE(ML_PREDICT('summarizer', ${e()})) ORDER BY ${e()} LIMIT ${this.int(0, 5)}`;
      case 2:
        return `INSERT INTO t VALUES (${e()}, ${e()}, ${e()})`;
      case 3:
        return `SELECT ${e()}`;
      default:
        return `VALUES (${e()}), (${e()})`;
    }
  }

  private chain(): string {
    const length = this.chance(0.1) ? this.int(1000, 5000) : this.int(20, 500);
    const op = this.pick([...BINARY, 'AND', 'OR', '||', '+']);
    const term = (): string => (this.chance(0.2) ? this.expression(2) : this.pick(['id', 'x', 'text', '1', "'a'", 'TRUE', 'NULL', 'id = 1']));
    const text = Array.from({ length }, term).join(` ${op} `);
    return this.chance(0.5) ? `SELECT id FROM t WHERE ${text}` : `SELECT ${text} AS v FROM t`;
  }

  private nesting(): string {
    const depth = this.pick([30, 100, 256, 257, 300, 1000, 3000]);
    const [open, close] = this.pick(NESTINGS);
    const core = this.pick(LEAVES);
    if (this.chance(0.2)) return `CREATE TABLE d (c ${'ARRAY<'.repeat(depth)}INT${'>'.repeat(depth)})`;
    return `SELECT ${open.repeat(depth)}${core}${close.repeat(this.chance(0.9) ? depth : this.int(0, depth))} AS v FROM t`;
  }

  private hugeLiteral(): { what: string; sql: string } {
    const size = this.pick([10_000, 50_000, 100_000]);
    switch (this.int(0, 4)) {
      case 0:
        return { what: 'string', sql: `SELECT '${'x'.repeat(size)}' AS v` };
      case 1:
        return { what: 'number', sql: `SELECT ${'9'.repeat(this.pick([20, 400, 5000]))} AS v, 1e${this.pick([308, 309, 99999])} AS w, 0.${'0'.repeat(400)}1 AS z` };
      case 2:
        return { what: 'name', sql: `SELECT \`${'c'.repeat(size)}\` FROM t` };
      case 3:
        return { what: 'select list', sql: `SELECT ${Array.from({ length: this.pick([100, 2000]) }, (_, i) => `${i} AS c${i}`).join(', ')}` };
      default:
        return { what: 'comment', sql: `SELECT 1 AS v /* ${'*'.repeat(size)} */` };
    }
  }
}

const TOKENS = [
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'NULL', 'TRUE', 'FALSE', 'AS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'CAST', 'TRY_CAST', 'LATERAL', 'TABLE', 'ML_PREDICT', 'AI_COMPLETE', 'AI_EMBEDDING', 'CREATE', 'MODEL', 'CONNECTION',
  'INPUT', 'OUTPUT', 'WITH', 'INSERT', 'INTO', 'VALUES', 'ORDER', 'BY', 'LIMIT', 'DISTINCT', 'ALTER', 'DROP', 'SHOW',
  'DESCRIBE', 'SET', 'RESET', 'IS', 'LIKE', 'ARRAY', 'MAP', 'ROW', 'INT', 'STRING', 'DOUBLE', 'DECIMAL(10, 2)', 'JOIN',
  'LEFT', 'CROSS', 'ON', 'IF', 'EXISTS', 'REPLACE', 'COMMENT', '(', ')', '[', ']', ',', ';', '.', '*', '+', '-', '/',
  '%', '||', '=', '<>', '!=', '<', '<=', '>', '>=', "'text'", "''", '1', '1.5', '1e3', '.5', '0', '-1', 'id', 'x',
  'text', '`q id`', 't', 'summarizer', "'summarizer'", '`summarizer$1`', "'m$all'", "'provider'", "'openai'", '$',
];
const LEAVES = ['id', 'x', 'text', 't.id', '1', '0', '2.50', '1e2', "'a'", "'%b%'", 'NULL', 'TRUE', 'FALSE', 'nosuch', "''", '`id`'];
const BINARY = ['+', '-', '*', '/', '%', '||', '=', '<>', '<', '<=', '>', '>=', 'AND', 'OR'];
const FUNCTIONS = ['UPPER', 'LOWER', 'CONCAT', 'COALESCE', 'TRIM', 'SUBSTRING', 'REPLACE', 'ROUND', 'CARDINALITY', 'ABS', 'NOSUCH', 'ML_PREDICT'];
const TYPES = ['INT', 'BIGINT', 'STRING', 'DOUBLE', 'DECIMAL(5, 2)', 'BOOLEAN', 'DATE', 'TIMESTAMP(3)', 'ARRAY<INT>', 'MAP<STRING, INT>', 'BYTES', 'VARCHAR(3)'];
const NESTINGS: ReadonlyArray<readonly [string, string]> = [
  ['(', ')'],
  ['UPPER(', ')'],
  ['CASE WHEN TRUE THEN ', ' END'],
  ['ARRAY[', ']'],
  ['CAST(', ' AS STRING)'],
  ['NOT ', ''],
  ['- ', ''],
  ['-(', ')'],
  ["MAP['k', ", ']'],
];

/** Every statement of the shipped examples, the parser's fixtures and the seed document. */
function corpus(): string[] {
  const files = [
    ...readdirSync(join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.sql')).map((f) => join(REPO_ROOT, 'examples', f)),
    ...readdirSync(join(REPO_ROOT, 'examples/providers')).map((f) => join(REPO_ROOT, 'examples/providers', f)),
    ...readdirSync(join(REPO_ROOT, 'packages/parser/test/fixtures')).map((f) => join(REPO_ROOT, 'packages/parser/test/fixtures', f)),
  ];
  const statements = files.flatMap((file) => parse(readFileSync(file, 'utf8')).statements.map((s) => s.text));
  return [...statements, ...readSeedStatements().map((s) => s.sql)];
}

interface Failure {
  index: number;
  kind: string;
  stage: string;
  error: string;
  input: string;
}

/** A coded error: a LateralError (or a list of them) with a catalogued code that is not INTERNAL. */
function codeProblem(error: unknown): string | undefined {
  const errors = error instanceof LateralErrors ? error.errors : [error];
  for (const inner of errors) {
    if (!LateralError.isInstance(inner)) return `not a LateralError: ${inner instanceof Error ? `${inner.name}: ${inner.message}` : String(inner)}`;
    if (inner.code === 'LATERAL_ERR_INTERNAL' || !(inner.code in ERROR_CODES)) return `code ${inner.code}: ${inner.message}`;
  }
  return undefined;
}

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

beforeAll(async () => {
  dir = await tempDir();
  context = createContext({
    dataDir: dir.path,
    tables: [table('t', [col('id', t.int()), col('text', t.string()), col('x', { kind: 'DOUBLE', nullable: true })])],
  });
  await insert(context, "INSERT INTO t VALUES (1, 'a', 0.5), (2, NULL, NULL), (3, '%b%', -1)");
});
afterAll(() => dir.cleanup());

async function bindAndRun(statement: Statement): Promise<void> {
  if (statement.type === 'query') {
    const result = await executeQuery(statement, context);
    for await (const batch of result.rows) if (batch.length > 0) break;
  } else if (statement.type === 'insert') {
    await executeInsert(statement, context);
  }
}

describe('SQL fuzzing: parse, print, bind and evaluate fail only with coded errors', () => {
  it(`${COUNT} generated inputs, seed ${SEED} (LATERAL_FUZZ_SEED=${SEED} LATERAL_FUZZ_COUNT=${COUNT} reproduces)`, async () => {
    const generator = new Generator(SEED, corpus());
    const failures: Failure[] = [];
    const counts = { parsed: 0, bound: 0, codedParse: 0, codedBind: 0 };
    const timeByKind = new Map<string, number>();
    for (let index = 0; index < COUNT; index += 1) {
      const { kind, sql } = generator.next();
      const started = performance.now();
      try {
        await fuzzOne(kind, sql, index);
      } finally {
        timeByKind.set(kind, (timeByKind.get(kind) ?? 0) + performance.now() - started);
      }
    }
    async function fuzzOne(kind: string, sql: string, index: number): Promise<void> {
      const fail = (stage: string, error: string): void => {
        failures.push({ index, kind, stage, error: error.slice(0, 300), input: sql.length > 300 ? `${sql.slice(0, 300)}… (${sql.length} chars)` : sql });
      };
      let statements: Statement[];
      try {
        statements = parseScript(sql, 'fuzz.sql').statements;
        counts.parsed += 1;
      } catch (error) {
        const problem = codeProblem(error);
        if (problem) fail('parse', problem);
        else if (!['LATERAL_ERR_PARSE_SYNTAX', 'LATERAL_ERR_PARSE_TOO_DEEP'].includes((error as LateralError).code)) {
          fail('parse', `unexpected code ${(error as LateralError).code}`);
        } else counts.codedParse += 1;
        return;
      }
      for (const statement of statements) {
        try {
          // the canonical form of what parsed parses again
          parse(printStatement(statement));
        } catch (error) {
          fail('print', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
        try {
          await bindAndRun(statement);
          counts.bound += 1;
        } catch (error) {
          const problem = codeProblem(error);
          if (problem) fail('bind', problem);
          else counts.codedBind += 1;
        }
      }
    }
    const times = [...timeByKind].map(([kind, ms]) => `${kind} ${Math.round(ms)} ms`).join(', ');
    console.log(`sql fuzz: seed ${SEED}, ${COUNT} inputs, ${counts.parsed} parsed (${counts.codedParse} coded parse errors), ${counts.bound} statements bound and ran, ${counts.codedBind} coded bind/run errors, ${failures.length} failures; time by generator: ${times}`);
    expect(failures.slice(0, 10), `${failures.length} inputs failed without a coded error (seed ${SEED})`).toEqual([]);
    // the generator reaches every stage, so a passing run means something
    expect(counts.parsed).toBeGreaterThan(COUNT / 10);
    expect(counts.bound).toBeGreaterThan(COUNT / 50);
    expect(counts.codedParse).toBeGreaterThan(COUNT / 10);
  }, 120_000);
});
