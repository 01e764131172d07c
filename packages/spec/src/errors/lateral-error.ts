import type { SourceLocation } from '../types/sql-types.js';
import type { ErrorCode } from './error-codes.js';

const MARKER = Symbol.for('lateral.error');

export interface LateralErrorOptions {
  code: ErrorCode;
  message: string;
  /** Where in the SQL text the problem is, when it comes from a statement. */
  location?: SourceLocation;
  /** The statement text, used to print a caret excerpt. */
  statementText?: string;
  /** What was expected, e.g. a list of allowed option keys. */
  expected?: string[];
  /** Extra structured facts (never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The base of every error Lateral raises on purpose. Identity is checked with a
 * `Symbol.for` marker so `isInstance` works across duplicate installs and worker boundaries
 * (structured clone drops the prototype; `fromPlain` rebuilds it).
 */
export class LateralError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly location?: SourceLocation;
  readonly statementText?: string;
  readonly expected?: string[];
  readonly details?: Record<string, unknown>;

  constructor(options: LateralErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LateralError';
    this.code = options.code;
    this.location = options.location;
    this.statementText = options.statementText;
    this.expected = options.expected;
    this.details = options.details;
  }

  static isInstance(value: unknown): value is LateralError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A plain-data form that survives postMessage / structured clone. */
  toPlain(): PlainLateralError {
    return {
      code: this.code,
      message: this.message,
      location: this.location,
      statementText: this.statementText,
      expected: this.expected,
      details: this.details,
    };
  }

  static fromPlain(plain: PlainLateralError): LateralError {
    return new LateralError(plain);
  }
}

export interface PlainLateralError {
  code: ErrorCode;
  message: string;
  location?: SourceLocation;
  statementText?: string;
  expected?: string[];
  details?: Record<string, unknown>;
}

/** Collects several diagnostics before failing, as a statement's validation should. */
export class LateralErrors extends Error {
  constructor(readonly errors: LateralError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'LateralErrors';
  }
}
