import type { Diagnostic } from '@lateral/spec';
import type { FormatContext, InputFormatV1, OutputFormatV1, TokenUsage } from '@lateral/spec';
import { standardParam, type StandardParamName } from '../options/params.js';
import type { ParamObject } from '@lateral/spec';
import { assertBatchSize } from './format-batching.js';
import { countMismatch, responseError } from './format-errors.js';
import { readPointer } from './json-pointer.js';
import { convertField } from './output-lookup.js';
import { checkSingleStringInput, checkSingleStringOutput } from './schema-checks.js';
import { toTextValue } from './value-encode.js';

export type PointerRead = { found: true; value: unknown } | { found: false };

/** One text-generation wire format: one prompt in, one text out (reference §9.5). */
export interface SinglePromptSpec {
  id: string;
  aliases?: readonly string[];
  /** The request body for one prompt. */
  body(prompt: string, context: FormatContext): Record<string, unknown>;
  /** Where the generated text is; named in the error when it is missing. */
  textPath: string;
  /** Reads the text when one pointer is not enough (e.g. concatenated content blocks). */
  readText?(document: unknown): PointerRead;
  usage?(document: unknown): TokenUsage | undefined;
  /** Extra CREATE MODEL checks beyond the single STRING input and output. */
  validate?(context: FormatContext): Diagnostic[];
}

export interface FormatPair {
  input: InputFormatV1;
  output: OutputFormatV1;
}

/** The standard params this format knows, under its own field names, in the mapping's order. */
export function standardFields(
  params: ParamObject,
  mapping: Partial<Record<StandardParamName, string>>,
): Record<string, number | string[]> {
  const fields: Record<string, number | string[]> = {};
  for (const [name, field] of Object.entries(mapping) as Array<[StandardParamName, string]>) {
    const value = standardParam(params, name);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/** Formats without a system field put the system prompt in front of the prompt. */
export function withSystemPrefix(prompt: string, context: FormatContext): string {
  return context.systemPrompt ? `${context.systemPrompt}\n\n${prompt}` : prompt;
}

/** Token counts as TokenUsage, or undefined when the body carries none. */
export function tokenUsage(inputTokens: unknown, outputTokens: unknown): TokenUsage | undefined {
  const usage: TokenUsage = {};
  if (typeof inputTokens === 'number') usage.inputTokens = inputTokens;
  if (typeof outputTokens === 'number') usage.outputTokens = outputTokens;
  return usage.inputTokens === undefined && usage.outputTokens === undefined ? undefined : usage;
}

/** Reads a number at a pointer (usage fields), undefined otherwise. */
export function numberAt(document: unknown, pointer: string): number | undefined {
  const read = readPointer(document, pointer);
  return read.found && typeof read.value === 'number' ? read.value : undefined;
}

/** Builds the input and output halves of a single-prompt format. */
export function defineSinglePromptFormat(spec: SinglePromptSpec): FormatPair {
  const aliases = spec.aliases ?? [];
  const input: InputFormatV1 = {
    specificationVersion: 'v1',
    id: spec.id,
    aliases,
    kind: 'llm',
    contentType: 'application/json',
    defaultOutputFormat: spec.id,
    maxRowsPerRequest: () => 1,
    validate: (context) => [...checkSingleStringInput(spec.id, context.input), ...(spec.validate?.(context) ?? [])],
    encode(rows, context) {
      assertBatchSize(spec.id, 1, rows.length);
      const column = context.input[0];
      const prompt = column ? toTextValue(rows[0]![0], column.dataType) : String(rows[0]![0] ?? '');
      return { body: JSON.stringify(spec.body(prompt, context)) };
    },
  };
  const output: OutputFormatV1 = {
    specificationVersion: 'v1',
    id: spec.id,
    aliases,
    accept: 'application/json',
    validate: (context) => checkSingleStringOutput(spec.id, context.output),
    decode(response, context, rowCount) {
      if (rowCount !== 1) throw countMismatch(rowCount, 1);
      const document = response.json();
      const read = spec.readText ? spec.readText(document) : readPointer(document, spec.textPath);
      if (!read.found) {
        throw responseError(`Error parsing ML Predict response: Expected field ${spec.textPath} not found in json response.`);
      }
      const column = context.output[0] ?? { name: 'output', dataType: { kind: 'STRING', nullable: true } };
      const usage = spec.usage?.(document);
      return usage ? { rows: [[convertField(read.value, column)]], usage } : { rows: [[convertField(read.value, column)]] };
    },
  };
  return { input, output };
}

/**
 * Adds pass-through params (reference §9.4 [INF]: current versions pass unknown params into the
 * body) without overwriting the fields the format sets itself.
 */
export function mergeExtras(body: Record<string, unknown>, extras: ParamObject): Record<string, unknown> {
  for (const [key, value] of Object.entries(extras)) if (!Object.hasOwn(body, key)) body[key] = value;
  return body;
}
