import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { TOKENS, type Engine, type PluginLoader } from '@lateral/core';
import { ENGINE } from '../lateral-session.js';
import type { ScriptRunner } from '../script-runner.js';
import { catalogCompletionSource } from './catalog-completion-source.js';
import { completeShellInput, type CompletionSource } from './shell-completion.js';
import { applyDisplayCommand, isQuit, parseShellCommand, SHELL_COMMANDS, SHELL_HELP } from './shell-commands.js';
import { ShellHistory } from './shell-history.js';
import { isCompleteScript } from './statement-buffer.js';

const PROMPT = 'lateral> ';
const CONTINUATION = '      -> ';
const HISTORY_FILE = 'history';
const HISTORY_SIZE = 1000;

type Scope = { resolve<T>(token: symbol): T; isRegistered?(token: symbol, recursive?: boolean): boolean };

export interface ShellServices {
  /** The CLI's container: the engine (catalog for completion), the plugin loader. */
  scope?: Scope;
  /** The progress reporter: its pending summary is printed before the prompt comes back. */
  progress?: { flush(): void };
}

/**
 * The interactive shell: multi-line statements end with `;`. On a terminal: Tab completion, a
 * history in the data directory (one entry per statement), Ctrl-C (the key or SIGINT) cancels the
 * running statement and returns to the prompt, or clears the line at the prompt; Ctrl-D, `quit`,
 * `exit` or `\q` leave. Piped input (`lateral < script.sql`) prints no prompt, keeps stdout for
 * rows and writes no history.
 */
export async function runInteractiveShell(runner: ScriptRunner, dataDir: string, services: ShellServices = {}): Promise<number> {
  const terminal = Boolean(process.stdin.isTTY);
  const history = terminal ? await ShellHistory.open(join(dataDir, HISTORY_FILE), HISTORY_SIZE) : undefined;
  const completion = completionSource(services.scope);
  let buffer = '';
  let running: AbortController | undefined;
  let interruptedPipe = false;
  let failures = 0;

  const rl: Interface = createInterface({
    input: process.stdin,
    // Prompts only on a terminal: piped input keeps stdout for rows.
    output: terminal ? process.stdout : undefined,
    terminal,
    // The shell adds entries itself (one per statement), so readline's own adding is off.
    history: history?.entries ?? [],
    historySize: 0,
    ...(terminal && completion
      ? {
          completer: (line: string, callback: (error: Error | null, result?: [string[], string]) => void) => {
            completeShellInput(buffer + line, completion).then(
              (result) => callback(null, result),
              () => callback(null, [[], line]),
            );
          },
        }
      : {}),
  });
  // readline copies the history option: point it at the shell's entries so additions show at once.
  if (history) (rl as unknown as { history: string[] }).history = history.entries;
  const say = (text: string) => (terminal ? process.stdout : process.stderr).write(`${text}\n`);
  const prompt = (text: string) => {
    if (!terminal) return;
    rl.setPrompt(text);
    rl.prompt(true);
  };
  const interrupt = () => {
    if (!terminal) {
      // Piped input has no prompt to return to: stop the statement and the reading, as a script run does.
      interruptedPipe = true;
      running?.abort();
      rl.close();
      return;
    }
    if (running) {
      running.abort();
      return;
    }
    buffer = '';
    clearLine(rl);
    process.stdout.write('^C\n');
    prompt(PROMPT);
  };
  rl.on('SIGINT', interrupt);
  process.on('SIGINT', interrupt);

  if (terminal) say("Lateral shell. End statements with ';'. Type \\? for help, \\q to leave.");
  prompt(PROMPT);
  try {
    for await (const line of rl) {
      if (interruptedPipe || isQuit(line)) break;
      const command = buffer.trim() === '' ? parseShellCommand(line) : undefined;
      if (command) {
        await history?.add(line);
        if (command.kind === 'help') say(SHELL_HELP);
        else if (command.kind === 'unknown') say(`LATERAL_ERR_CLI_USAGE: unknown shell command ${command.name}; type \\? for help.`);
        else if (command.kind !== 'quit') {
          // The runner's writer options are the one record of how results show: change a copy, then use it.
          const display = { ...runner.writerOptions };
          say(applyDisplayCommand(command, display));
          runner.useWriter(display);
        }
        buffer = '';
        prompt(PROMPT);
        continue;
      }
      buffer += `${line}\n`;
      if (!isCompleteScript(buffer)) {
        prompt(buffer.trim() === '' ? PROMPT : CONTINUATION);
        continue;
      }
      const script = buffer;
      buffer = '';
      await history?.add(script);
      running = new AbortController();
      const outcome = await runner.run(script, '<shell>', running.signal);
      running = undefined;
      services.progress?.flush();
      if (interruptedPipe) break;
      if (!outcome.ok) failures += 1;
      prompt(PROMPT);
    }
  } finally {
    process.off('SIGINT', interrupt);
    rl.close();
  }
  if (interruptedPipe) return 130;
  // In a pipe (`echo 'SELECT 1;' | lateral`) a failed statement must show in the exit status.
  return terminal || failures === 0 ? 0 : 1;
}

/** Empties readline's current line (as Ctrl-U then Ctrl-K would). */
function clearLine(rl: Interface): void {
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { ctrl: true, name: 'u' });
}

function completionSource(scope: Scope | undefined): CompletionSource | undefined {
  const engine = tryResolve<Engine>(scope, ENGINE);
  if (!engine) return undefined;
  return catalogCompletionSource(engine, tryResolve<PluginLoader>(scope, TOKENS.PluginLoader), SHELL_COMMANDS);
}

function tryResolve<T>(scope: Scope | undefined, token: symbol): T | undefined {
  if (!scope) return undefined;
  try {
    return scope.resolve<T>(token);
  } catch {
    return undefined;
  }
}
