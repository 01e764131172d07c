import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './run-cli.js';

/**
 * The seed document ("Run an AI Model with Confluent Cloud", in `shared/seed/` beside the clone)
 * and the SQL statements it shows, read from the document as written — not copied into the tests.
 */

export const SEED_TITLE = 'Run an AI Model with Confluent Cloud';

/** `$LATERAL_SEED_DIR`, else `<repo>/../shared/seed`, else `/work/shared/seed`; the first that exists. */
export function seedDirectories(): string[] {
  return [process.env.LATERAL_SEED_DIR, join(REPO_ROOT, '../shared/seed'), '/work/shared/seed'].filter(
    (dir): dir is string => dir !== undefined && dir !== '',
  );
}

/** The seed document's path; throws (failing the test, never skipping it) when it cannot be found. */
export function seedDocumentPath(): string {
  for (const dir of seedDirectories()) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (readFileSync(path, 'utf8').trimStart().startsWith(SEED_TITLE)) return path;
    }
  }
  throw new Error(`the seed document "${SEED_TITLE}" is in none of: ${seedDirectories().join(', ')} (set LATERAL_SEED_DIR)`);
}

export interface SeedStatement {
  /** The statement exactly as the document writes it, without its `;`. */
  sql: string;
  /** 1-based line of the document where it starts. */
  line: number;
}

// Statement keywords are upper case in the document's SQL and never in its prose.
const START = /^(CREATE (CONNECTION|MODEL|TABLE)|INSERT INTO|SELECT) /;
/** A line that continues a statement left open at the end of the previous line. */
const CONTINUATION = /^\s*([(')`,]|(INPUT|OUTPUT|WITH|VALUES|COMMENT|FROM|WHERE)\b)/;

/**
 * The document is rendered web text: a statement starts a line, or follows the prose it is glued to
 * right after a full stop (`…your Claude API key.CREATE CONNECTION …`), or follows the previous
 * statement's `;` on the same line. It ends at a `;` outside quotes, or — the one statement the
 * document leaves without `;` — at the end of a line when nothing is open and the next line is prose.
 */
export function seedStatements(text: string): SeedStatement[] {
  const lines = text.split('\n');
  const statements: SeedStatement[] = [];
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex += 1) {
    let line = lines[lineIndex]!;
    let start = statementStart(line);
    while (start !== undefined) {
      const startLine = lineIndex + 1;
      let sql = '';
      let rest = line.slice(start);
      let ended = false;
      while (!ended) {
        const end = statementEnd(sql, rest);
        if (end !== undefined) {
          sql += rest.slice(0, end);
          rest = rest.slice(end + 1);
          ended = true;
        } else if (openDepth(sql + rest) === 0 && !CONTINUATION.test(lines[lineIndex + 1] ?? '')) {
          sql += rest;
          rest = '';
          ended = true;
        } else {
          sql += `${rest}\n`;
          lineIndex += 1;
          if (lineIndex >= lines.length) throw new Error(`seed statement at line ${startLine} never ends`);
          rest = lines[lineIndex]!;
        }
      }
      statements.push({ sql: sql.trim(), line: startLine });
      line = rest;
      const next = line.trimStart();
      start = START.test(next) ? line.length - next.length : undefined;
    }
  }
  return statements;
}

function statementStart(line: string): number | undefined {
  if (START.test(line)) return 0;
  const glued = /\.(?=(CREATE (CONNECTION|MODEL|TABLE)|INSERT INTO|SELECT) )/.exec(line);
  return glued ? glued.index + 1 : undefined;
}

/** Index of the `;` in `rest` that ends the statement begun by `before`, skipping quoted text. */
function statementEnd(before: string, rest: string): number | undefined {
  let quote = quoteOpenAtEnd(before);
  for (let index = 0; index < rest.length; index += 1) {
    const char = rest[index]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '`' || char === '"') quote = char;
    else if (char === ';') return index;
  }
  return undefined;
}

function quoteOpenAtEnd(text: string): string | undefined {
  let quote: string | undefined;
  for (const char of text) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '`' || char === '"') quote = char;
  }
  return quote;
}

/** Parentheses still open at the end of `text`, outside quotes. */
function openDepth(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const char of text) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '`' || char === '"') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
  }
  return depth;
}

/** The seed document's statements, read from the shared file. */
export function readSeedStatements(): SeedStatement[] {
  return seedStatements(readFileSync(seedDocumentPath(), 'utf8'));
}
