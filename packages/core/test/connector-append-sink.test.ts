import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppendSink } from '../src/connectors/connector-append-sink.js';

const encode = (rows: unknown[][]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

describe('append sink', () => {
  it('keeps every row, in order, across buffer flushes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lateral-sink-')), 'out.ndjson');
    const sink = await openAppendSink(path, encode);
    for (let index = 0; index < 5000; index += 1) await sink.write([[index, 'x'.repeat(40)]]);
    await sink.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5000);
    expect(lines.map((line) => (JSON.parse(line) as [number])[0])).toEqual([...Array(5000).keys()]);
  });

  it('abort restores the previous content, whatever was already flushed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-sink-'));
    const path = join(dir, 'out.ndjson');
    writeFileSync(path, '[0]\n');
    const sink = await openAppendSink(path, encode);
    for (let index = 0; index < 3000; index += 1) await sink.write([[index, 'y'.repeat(40)]]);
    await sink.abort();
    expect(readFileSync(path, 'utf8')).toBe('[0]\n');

    const fresh = join(dir, 'new.ndjson');
    const second = await openAppendSink(fresh, encode);
    for (let index = 0; index < 3000; index += 1) await second.write([[index]]);
    await second.abort();
    expect(existsSync(fresh)).toBe(false);
  });
});
