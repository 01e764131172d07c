import { describe, expect, it } from 'vitest';
import { LateralError } from '@lateral/core';
import { describeFailure, notRunNote } from '../src/failure-report.js';

describe('describeFailure', () => {
  it('an internal error has no stack unless --debug', () => {
    const bug = new TypeError('x is undefined');
    const plain = describeFailure(bug, '<command line>');
    expect(plain).toBe('LATERAL_ERR_INTERNAL: x is undefined (run with --debug for the stack trace)');
    const debug = describeFailure(bug, '<command line>', true);
    expect(debug).toMatch(/^LATERAL_ERR_INTERNAL: x is undefined\nTypeError: x is undefined\n\s+at /);
  });

  it('an operating-system refusal is LATERAL_ERR_FILE_IO with the operation and path, no stack', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/data/.catalog.json.1.tmp'"), { code: 'EACCES', syscall: 'open', path: '/data/.catalog.json.1.tmp' });
    const text = describeFailure(error, '<command line>');
    expect(text).toBe('LATERAL_ERR_FILE_IO: cannot open /data/.catalog.json.1.tmp: EACCES (the directory is not writable: check its permissions or choose another --data-dir).');
  });

  it('coded errors are formatted by the engine', () => {
    expect(describeFailure(new LateralError({ code: 'LATERAL_ERR_CLI_USAGE', message: 'bad' }), 'x')).toBe('LATERAL_ERR_CLI_USAGE: bad');
  });
});

describe('notRunNote', () => {
  it('lists the statements after the failing one by line, secrets masked', () => {
    const sql = "SELECT 1;\nSELECT 2;\nCREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'sk-very-secret');\n";
    const note = notRunNote(sql, 1, false)!;
    expect(note).toContain('2 statements were not run');
    expect(note).toContain('line 2: SELECT 2');
    expect(note).toContain('line 3: CREATE CONNECTION c');
    expect(note).not.toContain('sk-very-secret');
  });

  it('says nothing ran when the script does not parse, and nothing when nothing is left', () => {
    expect(notRunNote('SELEC 1', 0, true)).toContain('no statement was run');
    expect(notRunNote('SELECT 1;', 1, false)).toBeUndefined();
  });
});
