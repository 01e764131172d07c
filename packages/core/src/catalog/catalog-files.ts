import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LateralError } from '@lateral/spec';
import {
  catalogShapeProblem,
  emptyCatalog,
  secretsShapeProblem,
  type CatalogDocument,
  type SecretsDocument,
} from './catalog-document.js';

export const CATALOG_FILE = 'catalog.json';
export const SECRETS_FILE = 'secrets.json';
/**
 * The two files in which earlier versions kept the catalog; read once, when the data directory's
 * store is created, to import them (store/legacy-import.ts). Nothing writes them any more.
 */
export class CatalogFiles {
  readonly catalogPath: string;
  readonly secretsPath: string;

  constructor(readonly dataDir: string) {
    this.catalogPath = join(dataDir, CATALOG_FILE);
    this.secretsPath = join(dataDir, SECRETS_FILE);
  }

  readCatalog(): CatalogDocument {
    const parsed = readJson(this.catalogPath);
    if (parsed === undefined) return emptyCatalog();
    const problem = catalogShapeProblem(parsed);
    if (problem) throw corrupt(this.catalogPath, problem);
    return parsed as CatalogDocument;
  }

  readSecrets(): SecretsDocument {
    const parsed = readJson(this.secretsPath);
    if (parsed === undefined) return {};
    const problem = secretsShapeProblem(parsed);
    if (problem) throw corrupt(this.secretsPath, problem);
    return parsed as SecretsDocument;
  }
}

/** The parsed file, or undefined when it does not exist. Never quotes the content: it may hold secrets. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LateralError({
      code: 'LATERAL_ERR_CATALOG_CORRUPT',
      message: `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      details: { file: path },
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // Node's message quotes the text around the fault, which may be a secret: keep the position only.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw corrupt(path, `not valid JSON${position === undefined ? '' : ` (at character ${position})`}`);
  }
}

function corrupt(path: string, problem: string): LateralError {
  return new LateralError({
    code: 'LATERAL_ERR_CATALOG_CORRUPT',
    message: `The catalog file ${path} is corrupt: ${problem}. Fix or remove it (removing it forgets what it holds).`,
    details: { file: path },
  });
}
