import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { CLI_BIN, REPO_ROOT } from './run-cli.js';

const PTY_HOST = join(REPO_ROOT, 'test/support/pty-host.py');

/** Removes terminal control sequences so tests can match what a user would read. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][A-Z0-9]/g, '').replace(/\x1b[78=>]/g, '').replace(/\r/g, '');
}

export interface PtyShell {
  /** Everything the terminal showed so far (control sequences removed). */
  output(): string;
  /** The pid of the `lateral` process (not of the pty host). */
  pid: number;
  write(keys: string): void;
  /** Resolves once `pattern` matches the output written after `from` (an output() length). */
  waitFor(pattern: RegExp | string, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(): void;
}

/**
 * Starts the built `lateral` binary under a real pseudo-terminal (test/support/pty-host.py, Python's
 * pty module): the shell sees a TTY, so Ctrl-C is a key press, Tab completes and arrows recall
 * history, as for a user.
 */
export async function startPtyShell(args: string[], env: Record<string, string | undefined> = {}): Promise<PtyShell> {
  const child: ChildProcessWithoutNullStreams = spawn('python3', [PTY_HOST, process.execPath, CLI_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let hostErr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (hostErr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const guard = setTimeout(() => child.kill('SIGTERM'), 120_000);
  void exited.then(() => clearTimeout(guard));
  const pid = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /pty-host: pid (\d+)/.exec(hostErr);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 10);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`pty host ended early: ${hostErr}`));
    });
  });
  const output = () => plainText(raw);
  return {
    pid,
    output,
    exited,
    write: (keys) => child.stdin.write(keys),
    kill: () => child.kill('SIGTERM'),
    waitFor(pattern, options = {}) {
      const from = options.from ?? 0;
      const matches = () => {
        const text = output().slice(from);
        return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      };
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          if (matches()) {
            clearInterval(timer);
            resolve(output().slice(from));
          } else if (Date.now() - started > (options.timeoutMs ?? 20_000)) {
            clearInterval(timer);
            reject(new Error(`timed out waiting for ${String(pattern)}; terminal showed:\n${output().slice(from)}`));
          }
        }, 20);
      });
    },
  };
}
