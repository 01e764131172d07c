import { hostname } from 'node:os';

/**
 * Who wrote an unfinished thing (a pending INSERT, a hidden in-progress file): this host and
 * process. Leftovers are removed only when their writer is known to be dead, so a second live
 * process on the same data directory never loses its work in progress.
 */
export interface WriterIdentity {
  host: string;
  pid: number;
}

/** The host name as it appears in file names: letters, digits and `-` only. */
export const LOCAL_HOST = hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';

export function currentWriter(): WriterIdentity {
  return { host: LOCAL_HOST, pid: process.pid };
}

export function formatWriter(writer: WriterIdentity): string {
  return `${writer.host}:${writer.pid}`;
}

export function parseWriter(text: string): WriterIdentity | undefined {
  const match = /^(.*):(\d+)$/.exec(text);
  return match ? { host: match[1]!, pid: Number(match[2]) } : undefined;
}

/**
 * True when the writer is certainly dead: a process of this host whose pid no longer exists. A
 * writer of another host (a data directory on a shared volume) is never presumed dead; a pid
 * reused by an unrelated process only keeps a leftover longer, it never removes live work.
 */
export function isWriterDead(writer: WriterIdentity | undefined): boolean {
  if (!writer || writer.host !== LOCAL_HOST) return false;
  if (writer.pid === process.pid) return false;
  try {
    process.kill(writer.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
