import { closeSync, copyFileSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TableSink } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import { inProgressPath } from './connector-inprogress-files.js';

/** Encoded text is buffered up to this size: chat results arrive a row at a time. */
const FLUSH_CHARACTERS = 64 * 1024;
const COPY_CHUNK_BYTES = 1 << 20;

export interface CommitSinkOptions {
  /**
   * `new-file`: the target does not exist yet (a directory's new part file): commit renames the
   * in-progress file to it. `append`: commit replaces the target with its current content
   * followed by the new rows.
   */
  mode: 'new-file' | 'append';
  /** Runs the commit's file operations while holding the data directory's write lock (concurrent INSERTs into one file commit one after the other). */
  exclusively: (work: () => void) => void;
}

/**
 * A sink that writes rows to a hidden in-progress file and makes them visible only on `close`,
 * by a rename (atomic on POSIX file systems): readers and a `kill -9` see the target as it was
 * or with every new row, never part of them. `abort` removes the in-progress file only, so rows
 * other statements committed meanwhile stay. Writes are buffered (64 KB) and streamed to disk:
 * the rows are never held in memory whole.
 */
export async function openCommitSink(target: string, encode: (rows: Row[]) => string, options: CommitSinkOptions): Promise<TableSink> {
  await mkdir(dirname(target), { recursive: true });
  const hidden = inProgressPath(target);
  const handle: FileHandle = await open(hidden, 'wx');
  let finished = false;
  /** True the first time: a sink ends once, by close or by abort. */
  const finish = (): boolean => !finished && (finished = true);
  let pending = '';
  const flush = async () => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    await handle.write(text);
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      pending += encode(rows);
      if (pending.length >= FLUSH_CHARACTERS) await flush();
    },
    async close() {
      if (!finish()) return;
      try {
        try {
          await flush();
          await handle.sync();
        } finally {
          await handle.close();
        }
        if (options.mode === 'new-file') await rename(hidden, target);
        else options.exclusively(() => appendByReplacing(target, hidden));
      } catch (error) {
        await unlink(hidden).catch(() => undefined);
        throw error;
      }
      syncDirectory(dirname(target));
    },
    async abort() {
      if (!finish()) return;
      pending = '';
      await handle.close().catch(() => undefined);
      await unlink(hidden).catch(() => undefined);
    },
  };
}

/**
 * Replaces `target` by its current content followed by `rows` (a file): copied into a second
 * in-progress file, synced, renamed over the target. Synchronous, so it runs whole inside the
 * caller's lock. The target keeps its permission bits.
 */
function appendByReplacing(target: string, rows: string): void {
  let mode: number | undefined;
  let size = 0;
  try {
    const stats = statSync(target);
    mode = stats.mode & 0o7777;
    size = stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (size === 0) {
    if (mode !== undefined) chmodSync(rows, mode);
    renameSync(rows, target);
    return;
  }
  const merged = inProgressPath(target);
  try {
    copyFileSync(target, merged);
    const output = openSync(merged, 'a');
    try {
      const input = openSync(rows, 'r');
      try {
        const buffer = Buffer.alloc(COPY_CHUNK_BYTES);
        for (let read = readSync(input, buffer); read > 0; read = readSync(input, buffer)) writeSync(output, buffer, 0, read);
      } finally {
        closeSync(input);
      }
      fsyncSync(output);
    } finally {
      closeSync(output);
    }
    if (mode !== undefined) chmodSync(merged, mode);
    renameSync(merged, target);
  } catch (error) {
    try {
      unlinkSync(merged);
    } catch {
      // not created
    }
    throw error;
  }
  unlinkSync(rows);
}

function syncDirectory(directory: string): void {
  // Makes the rename itself durable. Not every platform lets a directory be opened (Windows).
  try {
    const descriptor = openSync(directory, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // best effort
  }
}
