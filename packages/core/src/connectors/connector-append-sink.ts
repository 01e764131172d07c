import { mkdir, open, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TableSink } from '../contracts/connector.js';
import type { Row } from '../types/schema.js';

/**
 * A sink that appends encoded rows to one file. It remembers the file's length when opened, so
 * `abort` can cut the file back to exactly what it held before the statement (or remove a file
 * the statement created); `close` flushes to disk (fsync) before reporting success.
 */
export async function openAppendSink(path: string, encode: (rows: Row[]) => string): Promise<TableSink> {
  await mkdir(dirname(path), { recursive: true });
  const previousLength = await stat(path).then(
    (s) => s.size,
    () => undefined,
  );
  const handle: FileHandle = await open(path, 'a');
  let finished = false;
  /** True the first time: a sink ends once, by close or by abort. */
  const finish = (): boolean => !finished && (finished = true);
  return {
    async write(rows) {
      if (rows.length > 0) await handle.write(encode(rows));
    },
    async close() {
      if (!finish()) return;
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async abort() {
      if (!finish()) return;
      try {
        if (previousLength !== undefined) await handle.truncate(previousLength);
      } finally {
        await handle.close();
      }
      if (previousLength === undefined) await unlink(path).catch(() => undefined);
    },
  };
}
