import { randomUUID } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isWriterDead, LOCAL_HOST } from '@lateral/core';

/**
 * Hidden in-progress files, as Flink's file sink writes them: `.<target>.inprogress-<host>-<pid>-<uuid>`
 * beside the file they become on commit. Readers skip names starting with `.`; the writer's host
 * and pid in the name tell whether a leftover's writer is dead (then it is removed) or still live.
 */
const IN_PROGRESS = /^\..+\.inprogress-(.+)-(\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function inProgressPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.inprogress-${LOCAL_HOST}-${process.pid}-${randomUUID()}`);
}

/** Removes in-progress files in `directory` whose writer is dead (a killed INSERT); live writers' stay. */
export async function removeDeadInProgressFiles(directory: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const match = IN_PROGRESS.exec(name);
    if (!match || !isWriterDead({ host: match[1]!, pid: Number(match[2]) })) continue;
    await unlink(join(directory, name)).catch(() => undefined);
  }
}
