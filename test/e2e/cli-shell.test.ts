import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, ndjson, runCli } from '../support/run-cli.js';

describe('the interactive shell (statements on standard input)', () => {
  it('runs multi-line statements that end with ; and keeps piped input out of the history', async () => {
    const dir = freshDataDir();
    const input = [
      'SELECT 1 AS id,',
      "       'multi-line' AS text;",
      "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'http://127.0.0.1:9/v1/chat/completions',",
      "  'api-key' = 'sk-shell-secret-0123456789');",
      'SHOW CONNECTIONS;',
      'quit',
    ].join('\n');
    const run = await runCli(['--data-dir', dir, '--format', 'ndjson', '--interactive'], { input });
    expect(run.stderr).not.toContain('LATERAL_ERR');
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout)).toEqual([{ id: 1, text: 'multi-line' }, { Name: 'c' }]);
    // History is for what a person typed (test/e2e/cli-shell-terminal.test.ts): a pipe writes none.
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });

  it('reports a failing statement, goes on with the next, and exits non-zero in a pipe', async () => {
    const dir = freshDataDir();
    const run = await runCli(['--data-dir', dir, '--format', 'ndjson', '--interactive'], { input: 'SELEC 1;\nSELECT 2 AS two;\n' });
    expect(run.stderr).toContain('LATERAL_ERR_PARSE_SYNTAX');
    expect(ndjson(run.stdout)).toEqual([{ two: 2 }]);
    expect(run.code).toBe(1);
  });
});
