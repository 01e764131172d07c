import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Column, RowsResult } from '@lateral/core';
import { displayWidth } from '../src/output/display-width.js';
import { createResultWriter } from '../src/output/result-writer.js';
import { fitToTerminal } from '../src/output/table-layout.js';
import { untilQuit } from '../src/script-sources.js';

const column = (name: string, kind: 'INT' | 'STRING'): Column => ({ name, dataType: { kind, nullable: true } as Column['dataType'] });

function result(columns: Column[], batches: unknown[][][]): RowsResult {
  return {
    kind: 'rows',
    statement: { type: 'query' } as RowsResult['statement'],
    columns,
    rows: (async function* () {
      for (const batch of batches) yield batch;
    })(),
  };
}

async function render(rows: RowsResult, options: Parameters<typeof createResultWriter>[1]): Promise<string> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await createResultWriter({ stdout, stderr: new PassThrough() }, options).writeRows(rows);
  return text;
}

describe('table writer', () => {
  it('fits wide values to the terminal width and right-aligns numbers', async () => {
    const text = await render(result([column('id', 'INT'), column('text', 'STRING')], [[[7, 'x'.repeat(200)], [12345, '日本語のテキスト']]]), { format: 'table', terminalWidth: 40 });
    for (const line of text.trimEnd().split('\n').slice(0, -1)) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(text).toContain('│     7 │ xxxx');
    expect(text).toContain('…');
    expect(text).toContain('│ 12345 │ 日本語のテキスト');
  });

  it('a later, wider batch closes the table and continues with wider columns (rows are never held back)', async () => {
    const text = await render(result([column('t', 'STRING')], [[['a']], [['abcdef']]]), { format: 'table' });
    expect(text).toBe('┌───┐\n│ t │\n├───┤\n│ a │\n└───┘\n┌────────┐\n│ t      │\n├────────┤\n│ abcdef │\n└────────┘\n2 rows in set\n');
  });

  it('line breaks in a value do not break the grid', async () => {
    const text = await render(result([column('t', 'STRING')], [[['two\nlines']]]), { format: 'table' });
    expect(text).toContain('│ two↵lines │');
  });

  it('an empty result prints the header and 0 rows', async () => {
    expect(await render(result([column('a', 'INT')], []), { format: 'table' })).toBe('┌───┐\n│ a │\n├───┤\n└───┘\n0 rows in set\n');
  });

  it('expanded display fits values to the terminal', async () => {
    const text = await render(result([column('id', 'INT'), column('text', 'STRING')], [[[1, 'y'.repeat(100)]]]), { format: 'table', expanded: true, terminalWidth: 30 });
    expect(text.split('\n')[2]).toBe(`text | ${'y'.repeat(22)}…`);
  });

  it('fitToTerminal leaves narrow tables alone and never squeezes below 6 characters', () => {
    expect(fitToTerminal([3, 4], 80)).toEqual([3, 4]);
    expect(fitToTerminal([100, 100], 40)).toEqual([16, 17]);
    expect(fitToTerminal([50, 50, 50, 50, 50, 50, 50], 20)).toEqual([6, 6, 6, 6, 6, 6, 6]);
  });
});

describe('piped input', () => {
  it('ends at a quit line between statements, not inside a string', () => {
    expect(untilQuit('SELECT 1;\nquit\nSELECT 2;')).toBe('SELECT 1;\n');
    expect(untilQuit("SELECT 'a\nquit\nb';")).toBe("SELECT 'a\nquit\nb';");
  });
});
