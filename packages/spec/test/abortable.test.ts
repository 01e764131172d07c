import { describe, expect, it } from 'vitest';
import { abortable } from '@lateral/spec';

describe('abortable', () => {
  it('passes the value or the failure through while the signal stays quiet', async () => {
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('boom')), signal)).rejects.toThrow('boom');
    await expect(abortable(Promise.resolve(8), undefined)).resolves.toBe(8);
  });

  it("gives up when the signal aborts, with the signal's reason or the caller's", async () => {
    const never = new Promise<number>(() => undefined);
    const controller = new AbortController();
    const waiting = abortable(never, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(abortable(never, controller.signal, () => new Error('aborted by us'))).rejects.toThrow('aborted by us');
  });
});
