import { createHash } from 'node:crypto';
import { context, trace, type Context, type Span } from '@opentelemetry/api';
import { redactSecretValues } from '../engine/redact-statement.js';
import { SPAN_ATTRIBUTES, SPAN_NAMES } from './telemetry-attributes.js';
import { recordSpanError } from './telemetry-record-error.js';
import { lateralTracer } from './telemetry-scope.js';

/** Verbs whose object keyword belongs in the kind (`CREATE MODEL`, `SHOW CONNECTIONS`). */
const VERBS_WITH_OBJECT = new Set(['CREATE', 'ALTER', 'DROP', 'SHOW', 'DESCRIBE', 'DESC']);
const MODIFIERS = new Set(['OR', 'REPLACE', 'TEMPORARY', 'IF', 'NOT', 'EXISTS', 'CREATE', 'EXTENDED']);

/**
 * The statement's kind from its leading keywords, e.g. `CREATE CONNECTION`, `SELECT`. Spans store
 * this and a hash instead of the text, because WITH options of a connection hold secrets.
 */
export function statementKind(statementText: string): string {
  const text = statementText.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)+/, '');
  const words = text.match(/^[A-Za-z]+(\s+[A-Za-z]+){0,4}/)?.[0].toUpperCase().split(/\s+/) ?? [];
  const [verb, ...rest] = words;
  if (verb === undefined) return 'UNKNOWN';
  if (!VERBS_WITH_OBJECT.has(verb)) return verb;
  const object = rest.find((word) => !MODIFIERS.has(word));
  return object ? `${verb} ${object}` : verb;
}

/**
 * Hashes the redacted text: a hash of the text as written would let anyone holding the trace
 * test guesses of a short secret against it.
 */
export function statementHash(statementText: string): string {
  return createHash('sha256').update(redactSecretValues(statementText)).digest('hex').slice(0, 16);
}

export interface StatementSpan {
  span: Span;
  /** The active context with this span set: run the statement's work inside it. */
  context: Context;
  /** Ends the span; with an error the span is marked failed. Idempotent. */
  end(error?: unknown): void;
}

/**
 * Starts `lateral.statement` without ending it: for statements whose rows are pulled after the
 * call that produced them returns (the engine's generators). Prefer `withStatementSpan`.
 */
export function startStatementSpan(statementText: string, parent: Context = context.active()): StatementSpan {
  const span = lateralTracer().startSpan(
    SPAN_NAMES.statement,
    {
      attributes: {
        [SPAN_ATTRIBUTES.statementKind]: statementKind(statementText),
        [SPAN_ATTRIBUTES.statementHash]: statementHash(statementText),
      },
    },
    parent,
  );
  let ended = false;
  return {
    span,
    context: trace.setSpan(parent, span),
    end(error?: unknown) {
      if (ended) return;
      ended = true;
      if (error !== undefined) recordSpanError(span, error);
      span.end();
    },
  };
}

/**
 * Runs `fn` inside a `lateral.statement` span (the parent of every inference operator and request
 * span the statement causes). The span fails with `fn`'s error, which is rethrown.
 */
export async function withStatementSpan<T>(statementText: string, fn: (span: Span) => Promise<T>): Promise<T> {
  const statement = startStatementSpan(statementText);
  try {
    const result = await context.with(statement.context, () => fn(statement.span));
    statement.end();
    return result;
  } catch (error) {
    statement.end(error);
    throw error;
  }
}
