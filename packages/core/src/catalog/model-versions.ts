import { printDataType } from '@lateral/parser';
import type { Diagnostic } from '@lateral/spec';
import type { Column, TaskId } from '@lateral/spec';
import type { ModelEntry } from './catalog.js';

/** Reference §7 / §12.3: at most 10 versions per model. */
export const MAX_MODEL_VERSIONS = 10;

/** What every version of a model shares (reference §7): only WITH options are versioned. */
export interface ModelShape {
  input: Column[];
  output: Column[];
  comment?: string;
  task: TaskId;
}

/** Differences that forbid adding a version with this shape to `model`. */
export function shapeConflicts(model: ModelEntry, shape: ModelShape): Diagnostic[] {
  const conflicts: string[] = [];
  if (printColumns(model.input) !== printColumns(shape.input)) conflicts.push(`INPUT ${printColumns(shape.input)} differs from ${printColumns(model.input)}`);
  if (printColumns(model.output) !== printColumns(shape.output)) conflicts.push(`OUTPUT ${printColumns(shape.output)} differs from ${printColumns(model.output)}`);
  if ((model.comment ?? '') !== (shape.comment ?? '')) conflicts.push('COMMENT differs');
  if (model.task !== shape.task) conflicts.push(`task '${shape.task}' differs from '${model.task}'`);
  return conflicts.map((conflict) => ({
    code: 'LATERAL_ERR_CATALOG_VERSION_CONFLICT',
    ...(conflict.startsWith('task') ? { option: 'task' } : {}),
    message: `Cannot add a version to model '${model.name}': ${conflict}. Versions share INPUT, OUTPUT, COMMENT and task; only WITH options may change.`,
  }));
}

export function nextVersionNumber(model: ModelEntry): number {
  return Math.max(0, ...model.versions.map((version) => version.version)) + 1;
}

/**
 * The model without `version`, or undefined when it was the last one. When the default version
 * goes, the lowest remaining version becomes the default (the DROP MODEL page's rule; the CREATE
 * MODEL page says the highest: reference §7 lists the conflict).
 */
export function withoutVersion(model: ModelEntry, version: number): ModelEntry | undefined {
  const versions = model.versions.filter((entry) => entry.version !== version);
  if (versions.length === 0) return undefined;
  const defaultVersion =
    model.defaultVersion === version ? Math.min(...versions.map((entry) => entry.version)) : model.defaultVersion;
  return { ...model, versions, defaultVersion, providerId: providerOf(versions.find((v) => v.version === defaultVersion)?.options) ?? model.providerId };
}

export function providerOf(options: Record<string, string> | undefined): string | undefined {
  return options?.provider?.trim().toLowerCase() || undefined;
}

/** `(name STRING, n INT)`, the form DESCRIBE prints and version checks compare. */
export function printColumns(columns: readonly Column[]): string {
  return `(${columns.map((column) => `${column.name} ${printDataType(column.dataType)}${column.comment ? ` COMMENT '${column.comment}'` : ''}`).join(', ')})`;
}
