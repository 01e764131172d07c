import type { Column } from '@lateral/core';

/** The SQL words the dialect knows (from the grammar) and the shell's own commands. */
export const SQL_KEYWORDS: readonly string[] = [
  'ALTER', 'AND', 'ARRAY', 'AS', 'ASC', 'BIGINT', 'BINARY', 'BOOLEAN', 'BY', 'BYTES', 'CASE', 'CAST', 'CHAR', 'COMMENT',
  'CONNECTION', 'CONNECTIONS', 'CREATE', 'CROSS', 'DATE', 'DECIMAL', 'DESC', 'DESCRIBE', 'DISTINCT', 'DOUBLE', 'DROP',
  'ELSE', 'END', 'EXISTS', 'FALSE', 'FLOAT', 'FROM', 'IF', 'IN', 'INPUT', 'INSERT', 'INT', 'INTEGER', 'INTO', 'IS', 'JOIN',
  'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MAP', 'MODEL', 'MODELS', 'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'OUTER', 'OUTPUT',
  'RENAME', 'REPLACE', 'RESET', 'ROW', 'SELECT', 'SET', 'SHOW', 'SMALLINT', 'STRING', 'TABLE', 'TABLES', 'THEN', 'TIME',
  'TIMESTAMP', 'TINYINT', 'TO', 'TRUE', 'TRY_CAST', 'VALUES', 'VARCHAR', 'WHEN', 'WHERE', 'WITH',
  'ML_PREDICT', 'ML_EVALUATE', 'AI_COMPLETE', 'AI_EMBEDDING', 'AI_TOOL_INVOKE',
];

/** Words that may follow these (the grammar's choices), so `SHOW MOD<Tab>` gives `SHOW MODELS`. */
const NEXT_WORDS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/\bSHOW\s+$/i, ['CONNECTIONS', 'CREATE', 'MODELS', 'TABLES']],
  [/\bSHOW\s+CREATE\s+$/i, ['CONNECTION', 'MODEL', 'TABLE']],
  [/\b(?:CREATE|CREATE\s+OR\s+REPLACE)\s+$/i, ['CONNECTION', 'MODEL', 'TABLE', 'OR']],
  [/\b(?:DROP|ALTER)\s+$/i, ['CONNECTION', 'MODEL', 'TABLE']],
  [/\bDESCRIBE\s+$/i, ['MODEL', 'CONNECTION']],
  [/\bINSERT\s+$/i, ['INTO']],
];

/** What completion reads, fresh at every Tab: the catalog and the option keys statements accept. */
export interface CompletionSource {
  tables(): Array<{ name: string; columns: readonly Pick<Column, 'name'>[] }>;
  models(): string[];
  connections(): string[];
  /** Keys accepted in the WITH list of `kind` (`connection`, `model`, `table`); `typed` is the statement so far. */
  optionKeys(kind: 'connection' | 'model' | 'table', typed: string): Promise<string[]>;
  /** Shell commands (`\x`, `\format`, ...). */
  commands: readonly string[];
}

/** readline's answer: the candidates and the part of the line they replace. */
export type Completion = [string[], string];

const TABLE_CONTEXT = /\b(?:FROM|JOIN|INTO|TABLE|DESCRIBE|TABLES\s+LIKE)\s+$/i;
const MODEL_CONTEXT = /(?:\b(?:MODEL|ML_PREDICT\s*\(|ML_EVALUATE\s*\(|AI_COMPLETE\s*\(|AI_EMBEDDING\s*\()\s*'?)$/i;
const CONNECTION_CONTEXT = /(?:\bCONNECTION\s+|connection'\s*=\s*')$/i;
/** `WITH (` then complete `'key' = 'value',` pairs, then the key being typed. */
const OPTION_KEY = /\bWITH\s*\((?:\s*'(?:[^']|'')*'\s*=\s*'(?:[^']|'')*'\s*,)*\s*'([^']*)$/is;

/**
 * Completes the word before the cursor. `statement` is the text of the statement so far (earlier
 * lines of a multi-line statement plus this line up to the cursor). Candidates keep the case the
 * user typed for keywords; names are offered as stored.
 */
export async function completeShellInput(statement: string, source: CompletionSource): Promise<Completion> {
  const optionKey = OPTION_KEY.exec(statement);
  if (optionKey) {
    const typed = optionKey[1] ?? '';
    const keys = await source.optionKeys(statementKind(statement), statement);
    return [startingWith(unique(keys), typed).map((key) => `${key}'`), typed];
  }
  const word = /[\\.]?[A-Za-z0-9_.]*$/.exec(statement)?.[0] ?? '';
  const before = statement.slice(0, statement.length - word.length);
  if (before.trim() === '' && word.startsWith('\\')) return [startingWith([...source.commands], word), word];
  const next = NEXT_WORDS.find(([pattern]) => pattern.test(before));
  const tables = source.tables();
  if (next && !/\bDESCRIBE\s+$/i.test(before)) return [startingWith(casedLike(word, next[1]), word), word];
  if (next) return [unique([...startingWith(casedLike(word, next[1]), word), ...startingWith(tables.map((table) => table.name), word)]), word];
  // Where only a name fits, only names are offered.
  if (CONNECTION_CONTEXT.test(before)) return [startingWith(source.connections(), word), word];
  if (MODEL_CONTEXT.test(before)) return [startingWith(source.models(), word), word];
  if (TABLE_CONTEXT.test(before)) return [startingWith(tables.map((table) => table.name), word), word];
  const mentioned = tables.filter((table) => new RegExp(`\\b${escapeRegExp(table.name)}\\b`, 'i').test(before));
  const columnsFrom = mentioned.length > 0 ? mentioned : tables;
  const names = [
    ...columnsFrom.flatMap((table) => table.columns.map((column) => column.name)),
    ...tables.map((table) => table.name),
    ...source.models(),
  ];
  return [unique([...startingWith(names, word), ...startingWith(casedLike(word, SQL_KEYWORDS), word)]), word];
}

function statementKind(statement: string): 'connection' | 'model' | 'table' {
  const match = /\b(?:CREATE|ALTER)\s+(?:OR\s+REPLACE\s+)?(CONNECTION|MODEL|TABLE)\b/i.exec(statement);
  return (match?.[1]?.toLowerCase() as 'connection' | 'model' | 'table' | undefined) ?? 'table';
}

function startingWith(candidates: string[], typed: string): string[] {
  const lower = typed.toLowerCase();
  return candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower) && candidate.length > 0).map((candidate) =>
    // readline inserts what follows the typed text: keep the user's prefix as typed.
    typed + candidate.slice(typed.length),
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Keywords in the case the user types them in. */
function casedLike(word: string, keywords: readonly string[]): string[] {
  return keywords.map((keyword) => (isLowerCase(word) ? keyword.toLowerCase() : keyword));
}

function isLowerCase(word: string): boolean {
  return word !== '' && word === word.toLowerCase() && word !== word.toUpperCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
