import { describe, expect, it } from 'vitest';
import { parseModelName } from '../src/index.js';

describe('parseModelName', () => {
  it('reads the text of a model-name string as a ModelRef string does', () => {
    expect(parseModelName('m')).toMatchObject({ type: 'object_name', parts: ['m'] });
    expect(parseModelName('db.my-model$2')).toMatchObject({ parts: ['db', 'my-model'], version: 2 });
    expect(parseModelName('`cat`.`db`.`m$ALL`')).toMatchObject({ parts: ['cat', 'db', 'm'], version: 'all' });
    expect(parseModelName('m$all')?.version).toBe('all');
  });

  it('gives undefined for text that is not a model name', () => {
    for (const text of ['', 'a b', 'a.b.c.d', '`open', "it's", 'm$']) expect({ text, name: parseModelName(text) }).toEqual({ text, name: undefined });
  });
});
