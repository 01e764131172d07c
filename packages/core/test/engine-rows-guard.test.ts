import { parse } from '@lateral/parser';
import { describe, expect, it } from 'vitest';
import { LateralError, type Row, type RowsResult } from '@lateral/core';
import { guardRows } from '../src/engine/rows-guard.js';

function source(batches: Row[][], failAt?: number): { result: RowsResult; state: { closed: boolean; pulled: number } } {
  const state = { closed: false, pulled: 0 };
  const rows = (async function* () {
    try {
      for (const [index, batch] of batches.entries()) {
        if (index === failAt) throw new LateralError({ code: 'LATERAL_ERR_EXEC_RUNTIME', message: 'row failed' });
        state.pulled += 1;
        yield batch;
      }
    } finally {
      state.closed = true;
    }
  })();
  const statement = parse('SELECT 1').statements[0]!;
  return { result: { kind: 'rows', statement, columns: [], rows }, state };
}

describe('guardRows', () => {
  it('closes an iteration the caller left unfinished', async () => {
    const { result, state } = source([[[1]], [[2]], [[3]]]);
    const guarded = guardRows(result, (error) => error);
    for await (const batch of guarded.result.rows) {
      expect(batch).toEqual([[1]]);
      break;
    }
    expect(state.closed).toBe(true);
    const second = source([[[1]], [[2]]]);
    const unread = guardRows(second.result, (error) => error);
    const iterator = unread.result.rows[Symbol.asyncIterator]();
    await iterator.next();
    await unread.close();
    expect(second.state.closed).toBe(true);
    expect(second.state.pulled).toBe(1);
  });

  it('passes errors raised while pulling through the handler', async () => {
    const { result } = source([[[1]], [[2]]], 1);
    const guarded = guardRows(result, (error) => {
      (error as { details?: unknown }).details = { statementIndex: 4 };
      return error;
    });
    const pulled: Row[] = [];
    await expect(
      (async () => {
        for await (const batch of guarded.result.rows) pulled.push(...batch);
      })(),
    ).rejects.toMatchObject({ code: 'LATERAL_ERR_EXEC_RUNTIME', details: { statementIndex: 4 } });
    expect(pulled).toEqual([[1]]);
  });
});
