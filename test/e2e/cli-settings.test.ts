import { describe, expect, it } from 'vitest';
import { freshDataDir, runCli } from '../support/run-cli.js';

describe('SET means something', () => {
  it('an unknown key warns (with the nearest known key) and is still listed', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson', '-e', "SET 'sql-client.display.max-colum-width' = '20'; SET;"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("warning: unknown setting 'sql-client.display.max-colum-width'");
    expect(run.stderr).toContain("did you mean 'sql-client.display.max-column-width'?");
    expect(run.stdout).toContain('sql-client.display.max-colum-width');
  });

  it('accepted-but-ignored keys say so; honoured keys are silent', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '-e', "SET 'execution.runtime-mode' = 'streaming'; SET 'sql-client.execution.result-mode' = 'tableau'; SET 'sql-client.display.max-column-width' = '40';"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("setting 'execution.runtime-mode' is accepted but has no effect in Lateral");
    expect(run.stderr.match(/warning:/g)).toHaveLength(1);
  });

  it("result-mode 'table' or 'changelog' warns that results are shown as they arrive", async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '-e', "SET 'sql-client.execution.result-mode' = 'changelog';"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Lateral prints results as they arrive ('tableau')");
  });

  it('an invalid value for a known key is a coded error at its position', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '-e', "SET 'sql-client.display.max-column-width' = 'wide';"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/<command line>:1:1: LATERAL_ERR_OPTION_INVALID: Session setting 'sql-client.display.max-column-width' must be a positive integer/);
  });
});
