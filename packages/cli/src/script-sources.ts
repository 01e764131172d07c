import { readFile } from 'node:fs/promises';
import { isCompleteScript } from './shell/statement-buffer.js';

/** One SQL text to run and the name its error positions use. */
export interface ScriptSource {
  sql: string;
  source: string;
}

/** The name errors give text read from standard input. */
export const STDIN_SOURCE = '<stdin>';

/** All of standard input as one script (`lateral < script.sql`, `run -`). */
export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Piped input ends where a line says `quit`, `exit` or `\q` between statements, as it would in
 * the shell; the text after it is not run.
 */
export function untilQuit(sql: string): string {
  const quit = /^[ \t]*(quit|exit|\\q)[ \t]*;?[ \t]*$/gim;
  for (let match = quit.exec(sql); match; match = quit.exec(sql)) {
    const before = sql.slice(0, match.index);
    // Only between statements: a `quit` line inside a string literal or a statement is text.
    if (before.trim() === '' || isCompleteScript(before)) return before;
  }
  return sql;
}

/** A file's text, or the reason it cannot be read (`ENOENT`, `EISDIR`, …). */
export async function readSqlFile(file: string): Promise<string | { error: string }> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}
