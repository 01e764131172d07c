import type { Column, TaskId } from '../types/schema.js';
import type { Diagnostic } from './diagnostic.js';

/** One of the dialect's five tasks. Checks the OUTPUT schema and coerces decoded values. */
export interface TaskV1 {
  readonly specificationVersion: 'v1';
  readonly id: TaskId;
  /**
   * What the task means at run time: the evaluation metrics ML_EVALUATE reports for a model of
   * this task, by Confluent's names (reference §11.5), in the order it reports them.
   */
  readonly metrics: readonly string[];
  validate(input: Column[], output: Column[]): Diagnostic[];
}
