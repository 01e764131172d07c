/**
 * The data directory store's own costs, without SQL or models: loading better-sqlite3 and the
 * store, opening a store, committing 1M memory-table rows (as the memory connector's 64 KB
 * chunks of NDJSON) in one INSERT, and reading them back. Run after `pnpm build`:
 *   node benchmarks/store-rows.mjs
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROWS = 1_000_000;
const started = performance.now();
const { DataStore } = await import('../packages/core/dist/store/data-store.js');
const { MemoryRows } = await import('../packages/core/dist/store/memory-rows.js');
const loaded = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'lateral-store-bench-'));
try {
  const store = new DataStore(dir);
  store.read(() => undefined);
  const opened = performance.now();
  const rows = new MemoryRows(store);
  const line = `${JSON.stringify({ id: 1, text: `row 1 ${'x'.repeat(60)}` })}\n`;
  const perChunk = Math.floor((64 * 1024) / line.length);
  const chunk = line.repeat(perChunk);
  const insert = rows.begin('bench');
  let written = 0;
  for (; written < ROWS; written += perChunk) rows.append(insert, 'bench', chunk);
  rows.commit(insert, 'bench');
  const committed = performance.now();
  let bytes = 0;
  let after = 0;
  const snapshot = rows.snapshot('bench');
  for (let page = rows.chunks('bench', snapshot, 0, 8); page.length > 0; page = rows.chunks('bench', snapshot, after, 8)) {
    for (const item of page) {
      bytes += item.text.length;
      after = item.id;
    }
  }
  const read = performance.now();
  store.close();
  const ms = (from, to) => `${(to - from).toFixed(0)} ms`;
  console.log(
    `load ${ms(started, loaded)}, open ${ms(loaded, opened)}, insert ${written} rows (${(bytes / 1e6).toFixed(0)} MB) ${ms(opened, committed)}, read back ${ms(committed, read)}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
