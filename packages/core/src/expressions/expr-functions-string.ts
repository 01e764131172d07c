import { anyNullable, strict, textArgument, integerArgument, type Evaluate, type ScalarFunction } from './expr-function-kit.js';
import { ValueConversionError } from './expr-errors.js';
import { SqlTypes } from './expr-types.js';

/** A function of one STRING argument returning a value computed from its text. */
function textFunction(name: string, apply: (text: string) => unknown, result: 'STRING' | 'INT'): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    signature: `${name}(text)`,
    bind(args) {
      const text = textArgument(name, args, 0);
      const nullable = anyNullable([text]);
      return {
        type: result === 'STRING' ? SqlTypes.string(nullable) : SqlTypes.int(nullable),
        args: [text],
        build: strict(([value]) => apply(value as string)),
      };
    },
  };
}

const codePointLength = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/** Calcite's SUBSTRING: 1-based; a negative start counts from the end; out-of-range gives ''. */
function substring(text: string, start: number, length?: number): string {
  const chars = Array.from(text);
  const total = chars.length;
  let from = start < 0 ? start + total + 1 : start;
  if (length === undefined) {
    from = Math.max(from, 1);
    return from > total ? '' : chars.slice(from - 1).join('');
  }
  if (length < 0) throw new ValueConversionError(`SUBSTRING length must not be negative, got ${length}`);
  const end = from + length;
  if (from > total || end < 1) return '';
  return chars.slice(Math.max(from, 1) - 1, Math.min(end, total + 1) - 1).join('');
}

function substringFunction(name: string): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 3,
    signature: `${name}(text, start [, length])`,
    bind(args) {
      const bound = [textArgument(name, args, 0), ...args.slice(1).map((_, i) => integerArgument(name, args, i + 1))];
      return {
        type: SqlTypes.string(anyNullable(bound)),
        args: bound,
        build: strict((values) => substring(values[0] as string, values[1] as number, values[2] as number | undefined)),
      };
    },
  };
}

const concat: ScalarFunction = {
  name: 'CONCAT',
  minArgs: 1,
  maxArgs: Infinity,
  signature: 'CONCAT(text, ...)',
  bind(args) {
    const bound = args.map((_, i) => textArgument('CONCAT', args, i));
    return { type: SqlTypes.string(anyNullable(bound)), args: bound, build: strict((values) => values.join('')) };
  },
};

/** CONCAT_WS skips NULL arguments; only a NULL separator makes the result NULL. */
const concatWs: ScalarFunction = {
  name: 'CONCAT_WS',
  minArgs: 2,
  maxArgs: Infinity,
  signature: 'CONCAT_WS(separator, text, ...)',
  bind(args) {
    const bound = args.map((_, i) => textArgument('CONCAT_WS', args, i));
    return {
      type: SqlTypes.string(anyNullable([bound[0]!])),
      args: bound,
      build: ([separator, ...parts]: Evaluate[]) => (row) => {
        const sep = separator!(row);
        if (sep === null) return null;
        const present: string[] = [];
        for (const part of parts) {
          const value = part(row);
          if (value !== null) present.push(value as string);
        }
        return present.join(sep as string);
      },
    };
  },
};

const replace: ScalarFunction = {
  name: 'REPLACE',
  minArgs: 3,
  maxArgs: 3,
  signature: 'REPLACE(text, search, replacement)',
  bind(args) {
    const bound = args.map((_, i) => textArgument('REPLACE', args, i));
    return {
      type: SqlTypes.string(anyNullable(bound)),
      args: bound,
      build: strict(([text, search, replacement]) =>
        search === '' ? text : (text as string).split(search as string).join(replacement as string),
      ),
    };
  },
};

export const STRING_FUNCTIONS: readonly ScalarFunction[] = [
  concat,
  concatWs,
  replace,
  substringFunction('SUBSTRING'),
  substringFunction('SUBSTR'),
  textFunction('UPPER', (t) => t.toUpperCase(), 'STRING'),
  textFunction('LOWER', (t) => t.toLowerCase(), 'STRING'),
  // SQL TRIM removes spaces only, not every kind of whitespace.
  textFunction('TRIM', (t) => t.replace(/^ +| +$/g, ''), 'STRING'),
  textFunction('LTRIM', (t) => t.replace(/^ +/, ''), 'STRING'),
  textFunction('RTRIM', (t) => t.replace(/ +$/, ''), 'STRING'),
  textFunction('CHAR_LENGTH', codePointLength, 'INT'),
  textFunction('CHARACTER_LENGTH', codePointLength, 'INT'),
  textFunction('LENGTH', codePointLength, 'INT'),
];
