import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LateralError } from '../errors/lateral-error.js';
import { writeFileAtomic } from './atomic-write.js';
import {
  catalogShapeProblem,
  emptyCatalog,
  secretsShapeProblem,
  type CatalogDocument,
  type SecretsDocument,
} from './catalog-document.js';

export const CATALOG_FILE = 'catalog.json';
export const SECRETS_FILE = 'secrets.json';
/** Secrets are readable and writable by their owner only. */
export const SECRETS_MODE = 0o600;
export const CATALOG_MODE = 0o644;
export const DATA_DIR_MODE = 0o700;

/** The two files of a data directory. Reads are synchronous (one small file per CLI run). */
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

  async writeCatalog(document: CatalogDocument): Promise<void> {
    await this.ensureDirectory();
    await writeFileAtomic(this.catalogPath, `${JSON.stringify(document, null, 2)}\n`, CATALOG_MODE);
  }

  async writeSecrets(document: SecretsDocument): Promise<void> {
    await this.ensureDirectory();
    await writeFileAtomic(this.secretsPath, `${JSON.stringify(document, null, 2)}\n`, SECRETS_MODE);
  }

  private async ensureDirectory(): Promise<void> {
    // Only a directory we create gets 0700; an existing one keeps the mode its owner chose.
    await mkdir(this.dataDir, { recursive: true, mode: DATA_DIR_MODE });
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
