import { describe, expect, it } from 'vitest';
import { extraParams, parseParams, standardParam } from '../src/options/params.js';

describe('parseParams', () => {
  it.each([
    ['integer', { n: '3' }, { n: 3 }],
    ['negative integer', { n: '-12' }, { n: -12 }],
    ['float', { temperature: '0.7' }, { temperature: 0.7 }],
    ['float with exponent', { x: '1e-3' }, { x: 0.001 }],
    ['boolean', { stream: 'TRUE', echo: 'false' }, { stream: true, echo: false }],
    ['string', { user: 'alice' }, { user: 'alice' }],
    ['csv is never inferred', { stop: 'a,b' }, { stop: 'a,b' }],
    ['.int suffix', { 'seed.int': '42' }, { seed: 42 }],
    ['.float suffix keeps an integer text as a number', { 'penalty.float': '1' }, { penalty: 1 }],
    ['.string suffix keeps digits as text', { 'version.string': '2024' }, { version: '2024' }],
    ['.bool suffix', { 'flag.bool': 'true' }, { flag: true }],
    ['.csv suffix', { 'tags.csv': ' a,b ,c ' }, { tags: ['a', 'b ', 'c'] }],
    ['dots nest', { 'a.b': '1', 'a.c.d': 'x' }, { a: { b: 1, c: { d: 'x' } } }],
    ['dots nest with a typed leaf', { 'response_format.type.string': 'json_object' }, { response_format: { type: 'json_object' } }],
    ['a doubled dot is a literal dot', { 'a..b': '1' }, { 'a.b': 1 }],
    ['keys are lower-cased', { Max_Tokens: '5' }, { max_tokens: 5 }],
  ])('types %s', (_name, entries, expected) => {
    const { params, diagnostics } = parseParams(entries);
    expect(diagnostics).toEqual([]);
    expect(params).toEqual(expected);
  });

  it.each([
    [{ 'n.int': 'three' }, 'Invalid value for parameter n.int: three'],
    [{ 'n.int': '1.5' }, 'Invalid value for parameter n.int: 1.5'],
    [{ 'x.float': 'abc' }, 'Invalid value for parameter x.float: abc'],
    [{ 'flag.bool': 'yes' }, 'Invalid value for parameter flag.bool: yes'],
    [{ temperature: 'hot' }, 'Invalid value for parameter temperature: hot'],
    [{ max_tokens: '1.5' }, 'Invalid value for parameter max_tokens: 1.5'],
    [{ k: 'many' }, 'Invalid value for parameter k: many'],
  ])('reports a bad value %j', (entries, message) => {
    const { diagnostics } = parseParams(entries);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'LATERAL_ERR_OPTION_INVALID', message })]);
  });

  it('accepts 32 params and rejects 33', () => {
    const entries = (count: number) => Object.fromEntries(Array.from({ length: count }, (_unused, index) => [`p${index}`, '1']));
    expect(parseParams(entries(32)).diagnostics).toEqual([]);
    const { diagnostics, params } = parseParams(entries(33));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'LATERAL_ERR_OPTION_PARAMS_LIMIT' })]);
    expect(diagnostics[0]!.message).toContain('32');
    expect(Object.keys(params)).toHaveLength(33);
  });

  it('reports a name used both as a value and as a group', () => {
    const { diagnostics } = parseParams({ a: '1', 'a.b': '2' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'LATERAL_ERR_OPTION_CONFLICT' })]);
  });

  it('names the option in the diagnostic', () => {
    expect(parseParams({ 'n.int': 'x' }).diagnostics[0]!.option).toBe('params.n.int');
  });
});

describe('standardParam', () => {
  it.each([
    ['top_k', { top_k: '40' }, 40],
    ['top_k', { topk: '40' }, 40],
    ['top_k', { max_k: '5' }, 5],
    ['top_k', { maxk: '5' }, 5],
    ['top_k', { k: '7' }, 7],
    ['top_p', { top_p: '0.9' }, 0.9],
    ['top_p', { topp: '0.9' }, 0.9],
    ['top_p', { max_p: '0.5' }, 0.5],
    ['top_p', { maxp: '0.5' }, 0.5],
    ['top_p', { p: '0.1' }, 0.1],
    ['max_tokens', { max_tokens: '100' }, 100],
    ['max_tokens', { maxtokens: '100' }, 100],
    ['max_tokens', { maxtokencount: '100' }, 100],
    ['max_tokens', { maxtokenstosample: '100' }, 100],
    ['max_tokens', { maxgenlen: '100' }, 100],
    ['max_tokens', { maxoutputtokens: '100' }, 100],
    ['temperature', { temperature: '0' }, 0],
    ['stop', { stop: 'END,STOP' }, ['END', 'STOP']],
    ['stop', { stop_sequences: 'x' }, ['x']],
    ['stop', { stopsequences: 'x,y' }, ['x', 'y']],
    ['stop', { 'stop.csv': 'a,b' }, ['a', 'b']],
    ['stop', { stop: '5' }, ['5']],
  ] as const)('%s from %j', (name, entries, expected) => {
    expect(standardParam(parseParams(entries).params, name)).toEqual(expected);
  });

  it('prefers the first spelling in lookup order', () => {
    expect(standardParam(parseParams({ k: '1', top_k: '2' }).params, 'top_k')).toBe(2);
  });

  it('is undefined when not set', () => {
    expect(standardParam({}, 'temperature')).toBeUndefined();
  });

  it('throws on a value that validation would have rejected', () => {
    expect(() => standardParam({ temperature: 'hot' }, 'temperature')).toThrow('Invalid value for parameter temperature: hot');
  });
});

describe('extraParams', () => {
  it('keeps only the non-standard params', () => {
    const { params } = parseParams({ temperature: '0.2', k: '3', stop: 'x', max_completion_tokens: '16384', 'a.b': '1' });
    expect(extraParams(params)).toEqual({ max_completion_tokens: 16384, a: { b: 1 } });
  });
});
