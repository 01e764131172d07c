import { LateralError } from '@lateral/spec';
import {
  catalogShapeProblem,
  emptyCatalog,
  secretsShapeProblem,
  type CatalogDocument,
  type SecretsDocument,
} from '../catalog/catalog-document.js';
import type { StoreDatabase } from './data-store.js';

/** The catalog document as committed (empty when none was ever written). Call inside a transaction. */
export function readCatalogDocument(db: StoreDatabase, storePath: string): CatalogDocument {
  const text = db.prepare('SELECT document FROM catalog_document WHERE id = 1').pluck().get() as string | undefined;
  if (text === undefined) return emptyCatalog();
  const parsed = parseDocument(text, storePath, 'catalog');
  const problem = catalogShapeProblem(parsed);
  if (problem) throw corrupt(storePath, 'catalog', problem);
  return parsed as CatalogDocument;
}

export function writeCatalogDocument(db: StoreDatabase, document: CatalogDocument, storePath: string): void {
  const problem = catalogShapeProblem(document);
  if (problem) throw corrupt(storePath, 'catalog', problem);
  db.prepare('INSERT INTO catalog_document (id, document) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document').run(
    JSON.stringify(document),
  );
}

export function readSecretsDocument(db: StoreDatabase, storePath: string): SecretsDocument {
  const text = db.prepare('SELECT document FROM secrets_document WHERE id = 1').pluck().get() as string | undefined;
  if (text === undefined) return {};
  const parsed = parseDocument(text, storePath, 'secrets');
  const problem = secretsShapeProblem(parsed);
  if (problem) throw corrupt(storePath, 'secrets', problem);
  return parsed as SecretsDocument;
}

export function writeSecretsDocument(db: StoreDatabase, document: SecretsDocument): void {
  db.prepare('INSERT INTO secrets_document (id, document) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document').run(
    JSON.stringify(document),
  );
}

/** Tables' secret option values: table name → option key → value as written (same shape as connections'). */
export function readTableSecretsDocument(db: StoreDatabase, storePath: string): SecretsDocument {
  const text = db.prepare('SELECT document FROM table_secrets_document WHERE id = 1').pluck().get() as string | undefined;
  if (text === undefined) return {};
  const parsed = parseDocument(text, storePath, 'table secrets');
  const problem = secretsShapeProblem(parsed);
  if (problem) throw corrupt(storePath, 'table secrets', problem);
  return parsed as SecretsDocument;
}

export function writeTableSecretsDocument(db: StoreDatabase, document: SecretsDocument): void {
  db.prepare('INSERT INTO table_secrets_document (id, document) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document').run(
    JSON.stringify(document),
  );
}

/** Never quotes the text: the secrets document holds secret values. */
function parseDocument(text: string, storePath: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw corrupt(storePath, what, 'not valid JSON');
  }
}

function corrupt(storePath: string, what: string, problem: string): LateralError {
  return new LateralError({
    code: 'LATERAL_ERR_CATALOG_CORRUPT',
    message: `The ${what} stored in ${storePath} is corrupt: ${problem}. Restore the data directory from a backup or move it away.`,
    details: { file: storePath },
  });
}
