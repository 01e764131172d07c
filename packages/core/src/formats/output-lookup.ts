import type { Column, Row } from '@lateral/spec';
import { responseError } from './format-errors.js';
import { readPointer, wrapperPointer } from './json-pointer.js';
import { ValueDecodeError, decodeValue } from './value-decode.js';

/**
 * The JSON-object output rules of the reference (§9.6, 2024 JsonObjectOutputParser): each OUTPUT
 * column is looked up by name; when absent, nested objects are searched depth-first; an array whose
 * size equals the number of outputs maps positionally (a single ARRAY output takes the whole
 * array); a bare scalar serves a single output; values are converted to the column type.
 */
export function readOutputRow(node: unknown, outputs: readonly Column[]): Row {
  return outputs.map((column, index) => {
    const located = locate(node, outputs, index, true);
    if (!located) {
      throw responseError(`Error deserializing ML Prediction response: Field ${column.name} not found in response.`);
    }
    return convertField(located.value, column);
  });
}

/** Converts one located value, naming the column when it does not fit. */
export function convertField(value: unknown, column: Column): unknown {
  try {
    return decodeValue(value, column.dataType);
  } catch (error) {
    if (error instanceof ValueDecodeError) {
      throw responseError(`Error deserializing ML Prediction response field: ${column.name}: ${error.message}`, error);
    }
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

function locate(node: unknown, outputs: readonly Column[], index: number, top: boolean): { value: unknown } | undefined {
  const column = outputs[index]!;
  if (Array.isArray(node)) {
    if (outputs.length === 1 && column.dataType.kind === 'ARRAY') return { value: node };
    if (node.length !== outputs.length) {
      throw responseError(
        `Error deserializing ML Prediction response: Expected object field '${column.name}' in response was an array whose size did not match the number of model output columns.`,
      );
    }
    return { value: node[index] };
  }
  if (!isObject(node)) return top && outputs.length === 1 ? { value: node } : undefined;
  const key = findKey(node, column.name);
  if (key !== undefined) return { value: node[key] };
  for (const child of Object.values(node)) {
    if (!isObject(child)) continue;
    const found = locate(child, outputs, index, false);
    if (found) return found;
  }
  return undefined;
}

/** The node under an output wrapper (`JSON:outputs` → `/outputs`), or the whole document. */
export function unwrap(document: unknown, wrapper: string | undefined): unknown {
  if (wrapper === undefined) return document;
  const pointer = wrapperPointer(wrapper);
  const found = readPointer(document, pointer);
  if (!found.found) {
    throw responseError(`Error parsing ML Predict response: Expected object field ${pointer} not found in json response.`);
  }
  return found.value;
}
