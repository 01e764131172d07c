import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScriptRunner } from '../script-runner.js';
import { redactSecretValues } from '@lateral/core';
import { isCompleteScript } from './statement-buffer.js';

const PROMPT = 'lateral> ';
const CONTINUATION = '      -> ';
const HISTORY_FILE = 'history';
const HISTORY_SIZE = 1000;

/**
 * The interactive shell: multi-line statements end with `;`, history is kept in the data
 * directory, Ctrl-C cancels the running statement (or clears the input), Ctrl-D or `quit` exits.
 */
export async function runInteractiveShell(runner: ScriptRunner, dataDir: string): Promise<number> {
  const historyPath = join(dataDir, HISTORY_FILE);
  const history = await loadHistory(historyPath);
  const terminal = Boolean(process.stdin.isTTY);
  // Prompts only on a terminal: piped input (`lateral < script.sql`) keeps stdout for rows.
  const rl = createInterface({ input: process.stdin, output: terminal ? process.stdout : undefined, terminal, history, historySize: HISTORY_SIZE });
  const prompt = (text: string) => {
    if (!terminal) return;
    rl.setPrompt(text);
    rl.prompt();
  };
  let buffer = '';
  let running: AbortController | undefined;
  let failures = 0;

  if (terminal) process.stdout.write("Lateral shell. End statements with ';'. Type 'quit' to leave.\n");
  rl.on('SIGINT', () => {
    if (running) {
      running.abort();
      return;
    }
    buffer = '';
    process.stdout.write('\n');
    prompt(PROMPT);
  });
  prompt(PROMPT);

  for await (const line of rl) {
    if (buffer === '' && /^\s*(quit|exit|\\q)\s*;?\s*$/i.test(line)) break;
    buffer += `${line}\n`;
    if (!isCompleteScript(buffer)) {
      prompt(CONTINUATION);
      continue;
    }
    const script = buffer;
    buffer = '';
    await saveHistory(historyPath, script);
    running = new AbortController();
    rl.pause();
    const outcome = await runner.run(script, '<shell>', running.signal);
    rl.resume();
    running = undefined;
    if (!outcome.ok) failures += 1;
    prompt(PROMPT);
  }
  rl.close();
  // In a pipe (`echo 'SELECT 1;' | lateral`) a failed statement must show in the exit status.
  return terminal || failures === 0 ? 0 : 1;
}

async function loadHistory(path: string): Promise<string[]> {
  try {
    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    return lines.slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

async function saveHistory(path: string, script: string): Promise<void> {
  const entry = redactSecretValues(script).replace(/\s*\n\s*/g, ' ').trim();
  try {
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    await appendFile(path, `${entry}\n`, { mode: 0o600 });
  } catch {
    // History is a convenience; a read-only data directory must not break the shell.
  }
}
