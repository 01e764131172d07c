import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactSecretValues } from '@lateral/core';

/**
 * The interactive shell's history: one entry per statement (a multi-line statement is joined into
 * one line), secrets redacted, in a file of the data directory. `entries` is the array readline
 * navigates (newest first); the shell adds to it itself, so a multi-line statement is one entry in
 * the running session as well as after a restart. The file is cut back to `size` entries when it
 * has grown to twice that.
 */
export class ShellHistory {
  private constructor(
    private readonly path: string,
    private readonly size: number,
    readonly entries: string[],
  ) {}

  static async open(path: string, size: number): Promise<ShellHistory> {
    let lines: string[] = [];
    try {
      lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    } catch {
      // No history yet (or unreadable): start empty.
    }
    const kept = lines.slice(-size);
    if (lines.length > size * 2) await rewrite(path, kept);
    return new ShellHistory(path, size, kept.reverse());
  }

  /** Records `text` (a statement or a shell command) as one entry. */
  async add(text: string): Promise<void> {
    const entry = ShellHistory.entryFor(text);
    if (entry === '') return;
    if (this.entries[0] !== entry) {
      this.entries.unshift(entry);
      if (this.entries.length > this.size) this.entries.length = this.size;
    }
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await appendFile(this.path, `${entry}\n`, { mode: 0o600 });
    } catch {
      // History is a convenience; a read-only data directory must not break the shell.
    }
  }

  static entryFor(text: string): string {
    return redactSecretValues(text).replace(/\s*\n\s*/g, ' ').trim();
  }
}

async function rewrite(path: string, lines: string[]): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, lines.map((line) => `${line}\n`).join(''), { mode: 0o600 });
    await rename(temporary, path);
  } catch {
    // Keeping a long file is better than failing to start.
  }
}
