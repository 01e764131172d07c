import type { ObjectName } from '../ast.js';
import { isReservedWord } from '../reserved-words.js';

const BARE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Unquoted parts of a model name inside a string may also contain `-` ('my-model$2'). */
const BARE_MODEL_STRING_PART = /^[A-Za-z0-9_-]+$/;

/** A SQL string literal: 'text' with quotes doubled. */
export function printStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function backQuote(text: string): string {
  return `\`${text.replace(/`/g, '``')}\``;
}

/** An identifier, back-quoted only when it is not a plain word or is reserved. */
export function printIdentifier(name: string): string {
  return BARE_IDENTIFIER.test(name) && !isReservedWord(name) ? name : backQuote(name);
}

function versionSuffix(version: ObjectName['version']): string {
  return version === undefined ? '' : `$${version}`;
}

/**
 * `catalog.db.name`; a model version is written inside back-quotes on the last part
 * (`` `summarizer$2` ``), the form the documentation uses in DDL.
 */
export function printObjectName(name: ObjectName): string {
  const parts = name.parts.map(printIdentifier);
  if (name.version !== undefined) {
    parts[parts.length - 1] = backQuote(`${name.parts[name.parts.length - 1]}${versionSuffix(name.version)}`);
  }
  return parts.join('.');
}

/** A model name as a function argument, keeping the style it was written in. */
export function printModelRefName(name: ObjectName, style: 'string' | 'backtick' | 'bare'): string {
  const suffix = versionSuffix(name.version);
  const last = name.parts.length - 1;
  switch (style) {
    case 'string': {
      const parts = name.parts.map((part) => (BARE_MODEL_STRING_PART.test(part) ? part : backQuote(part)));
      return printStringLiteral(`${parts.join('.')}${suffix}`);
    }
    case 'backtick':
      return [...name.parts.slice(0, last).map(printIdentifier), backQuote(`${name.parts[last]}${suffix}`)].join('.');
    case 'bare':
      return `${name.parts.map(printIdentifier).join('.')}${suffix}`;
  }
}
