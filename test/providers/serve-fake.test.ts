import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FAKE_STARTERS } from '../fakes/registry.js';
import { post } from './fake-request.js';

const SERVE_FAKE = fileURLToPath(new URL('../fakes/serve-fake.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('serve-fake', () => {
  it('registers the OpenAI-family and Anthropic fakes', () => {
    expect(Object.keys(FAKE_STARTERS)).toEqual(expect.arrayContaining(['openai', 'azureopenai', 'fireworksai', 'anthropic']));
  });

  it('prints {"url"} on one line, serves until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVE_FAKE, 'openai', '--port', '0', '--api-key', 'sk-served-key-123456'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve-fake exited early with ${code}`)));
      });
      const { url } = JSON.parse(firstLine) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = await post(`${url}/v1/chat/completions`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'great' }] }, { authorization: 'Bearer sk-served-key-123456' });
      expect(reply.json.choices[0].message.content).toBe('POSITIVE');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('exits 2 with a usage line for an unknown fake', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVE_FAKE, 'nope'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('usage: serve-fake <');
    expect(stderr).toContain('openai');
  });
});
