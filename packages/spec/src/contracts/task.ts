import type { Column, TaskId } from '../types/schema.js';
import type { Diagnostic } from './diagnostic.js';

/** One of the dialect's five tasks. Checks the OUTPUT schema and coerces decoded values. */
export interface TaskV1 {
  readonly specificationVersion: 'v1';
  readonly id: TaskId;
  validate(input: Column[], output: Column[]): Diagnostic[];
}
