#!/usr/bin/env node
// @ts-check
/**
 * What keeping BIGINT/DECIMAL digits costs: the exact JSON parse (lossless-json behind
 * `parseJsonExact`) against `JSON.parse`, on stored table lines with and without long numbers and
 * on an embedding response. Prints the fastest of several interleaved runs and their ratio (exact / native); nothing here asserts a time. Builds
 * nothing: run `pnpm build` first.
 *
 *   node benchmarks/exact-json.mjs
 */
import { parseJsonExact } from '../packages/core/dist/expressions/expr-json-text.js';

const ROWS = 20_000;
const template = { id: 42, amount: 1234.56, note: 'a short note here', score: 0.123456789 };
const longIds = Array.from({ length: ROWS }, (_, i) => JSON.stringify({ ...template, id: 0 }).replace('"id":0', `"id":${9007199254740993n + BigInt(i)}`));
const shortIds = Array.from({ length: ROWS }, (_, i) => JSON.stringify({ ...template, id: i }));
const embedding = JSON.stringify({ data: [{ embedding: Array.from({ length: 1536 }, (_, i) => Math.sin(i)) }] });

/** The fastest of `runs` timed calls of each function, interleaved so load hits both alike. */
function fastest(native, exact, runs) {
  for (let i = 0; i < 3; i++) native(), exact();
  let best = [Infinity, Infinity];
  for (let i = 0; i < runs; i++) {
    best = [native, exact].map((fn, k) => {
      const start = process.hrtime.bigint();
      fn();
      return Math.min(best[k], Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return best;
}

const cases = [
  [`${ROWS} table lines with 16-digit ids`, () => longIds.forEach((l) => JSON.parse(l)), () => longIds.forEach((l) => parseJsonExact(l)), 15],
  [`${ROWS} table lines with short ids`, () => shortIds.forEach((l) => JSON.parse(l)), () => shortIds.forEach((l) => parseJsonExact(l)), 15],
  ['one 1536-float embedding response', () => JSON.parse(embedding), () => parseJsonExact(embedding), 301],
];
for (const [name, native, exact, runs] of cases) {
  const [a, b] = fastest(native, exact, runs);
  console.log(`${name}: JSON.parse ${a.toFixed(3)} ms, parseJsonExact ${b.toFixed(3)} ms, ratio ${(b / a).toFixed(2)}`);
}
