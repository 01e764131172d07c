import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@lateral/core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/run-cli.js';

/** Every code of the catalogue is documented in docs/errors.md, and the document names no other code. */
describe('docs/errors.md and the error catalogue', () => {
  const documented = new Set(readFileSync(`${REPO_ROOT}docs/errors.md`, 'utf8').match(/LATERAL_ERR_[A-Z0-9_]+/g) ?? []);
  const catalogued = new Set(Object.keys(ERROR_CODES));

  it('documents every code', () => {
    expect([...catalogued].filter((code) => !documented.has(code))).toEqual([]);
  });

  it('documents no code that does not exist', () => {
    expect([...documented].filter((code) => !catalogued.has(code))).toEqual([]);
  });
});
