import { closeSync, copyFileSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Row, TableSinkV2 } from '@lateral/spec';
import { inProgressPath } from './filesystem-inprogress-files.js';

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

/** Where one commit's rows go and how they are encoded (a new part file per commit in a directory). */
export interface CommitTarget {
  path: string;
  encode: (rows: Row[]) => string;
}

/**
 * A sink (contract v2) that writes rows to a hidden in-progress file and makes them visible only
 * on `commit`, by a rename (atomic on POSIX file systems): readers and a `kill -9` see the target
 * as it was or with every new row, never part of them. `flush` writes the buffer and syncs the
 * in-progress file (a durable point: the rows are on disk, not yet visible). `abort` removes the
 * in-progress file only, so rows other statements committed meanwhile stay. Writes after a commit
 * go to the next target (`nextTarget`). Writes are buffered (64 KB) and streamed to disk: the
 * rows are never held in memory whole. Positions are not stored: a file source is re-read whole.
 */
export async function openCommitSink(nextTarget: () => Promise<CommitTarget>, options: CommitSinkOptions): Promise<TableSinkV2> {
  interface Open {
    target: CommitTarget;
    hidden: string;
    handle: FileHandle;
    pending: string;
  }
  const begin = async (): Promise<Open> => {
    const target = await nextTarget();
    await mkdir(dirname(target.path), { recursive: true });
    const hidden = inProgressPath(target.path);
    return { target, hidden, handle: await open(hidden, 'wx'), pending: '' };
  };
  let current: Open | undefined = await begin();
  const opened = async (): Promise<Open> => (current ??= await begin());
  const writePending = async (file: Open) => {
    if (file.pending === '') return;
    const text = file.pending;
    file.pending = '';
    await file.handle.write(text);
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const file = await opened();
      file.pending += file.target.encode(rows);
      if (file.pending.length >= FLUSH_CHARACTERS) await writePending(file);
    },
    async flush() {
      if (!current) return;
      await writePending(current);
      await current.handle.sync();
    },
    async commit() {
      const file = current;
      if (!file) return;
      current = undefined;
      try {
        try {
          await writePending(file);
          await file.handle.sync();
        } finally {
          await file.handle.close();
        }
        if (options.mode === 'new-file') await rename(file.hidden, file.target.path);
        else options.exclusively(() => appendByReplacing(file.target.path, file.hidden));
      } catch (error) {
        await unlink(file.hidden).catch(() => undefined);
        throw error;
      }
      syncDirectory(dirname(file.target.path));
    },
    async abort() {
      const file = current;
      if (!file) return;
      current = undefined;
      file.pending = '';
      await file.handle.close().catch(() => undefined);
      await unlink(file.hidden).catch(() => undefined);
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
