import type { ConnectionEntry, ModelEntry, TableEntry } from './catalog.js';

/** The catalog document (one row of the store; `catalog.json` in earlier versions): everything but secret values. Bump FORMAT when the shape changes incompatibly. */
export interface CatalogDocument {
  format: typeof CATALOG_FORMAT;
  connections: ConnectionEntry[];
  models: ModelEntry[];
  tables: TableEntry[];
}

export const CATALOG_FORMAT = 1;

/** The secrets document (kept apart from the catalog document; `secrets.json` in earlier versions): connection name → secret key → value as written (may hold `${env:NAME}`). */
export type SecretsDocument = Record<string, Record<string, string>>;

export function emptyCatalog(): CatalogDocument {
  return { format: CATALOG_FORMAT, connections: [], models: [], tables: [] };
}

/** A reason the parsed JSON is not a catalog, or undefined. Checks the skeleton, not every field. */
export function catalogShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the top level is not a JSON object';
  if (value.format !== CATALOG_FORMAT) return `unsupported format ${JSON.stringify(value.format)} (expected ${CATALOG_FORMAT})`;
  for (const key of ['connections', 'models', 'tables'] as const) {
    const list = value[key];
    if (!Array.isArray(list)) return `'${key}' is not a list`;
    const bad = list.findIndex((item) => !isRecord(item) || typeof item.name !== 'string');
    if (bad >= 0) return `${key}[${bad}] has no name`;
  }
  const models = value.models as unknown[];
  const badModel = models.findIndex((model) => !isRecord(model) || !Array.isArray(model.versions) || !Array.isArray(model.input));
  if (badModel >= 0) return `models[${badModel}] is not a model`;
  return undefined;
}

export function secretsShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the top level is not a JSON object';
  for (const [name, secrets] of Object.entries(value)) {
    if (!isRecord(secrets) || Object.values(secrets).some((secret) => typeof secret !== 'string')) {
      return `the entry of connection '${name}' is not an object of strings`;
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
