import { describe, expect, it } from 'vitest';
import { completeShellInput, type CompletionSource } from '../src/shell/shell-completion.js';
import { applyDisplayCommand, isQuit, parseShellCommand, SHELL_COMMANDS, type DisplaySettings } from '../src/shell/shell-commands.js';

const asked: Array<{ kind: string; typed: string }> = [];
const source: CompletionSource = {
  commands: SHELL_COMMANDS,
  tables: () => [
    { name: 'orders', columns: [{ name: 'id' }, { name: 'review' }] },
    { name: 'customers', columns: [{ name: 'id' }, { name: 'region' }] },
  ],
  models: () => ['sentiment', 'summarizer'],
  connections: () => ['openai_conn'],
  async optionKeys(kind, typed) {
    asked.push({ kind, typed });
    return kind === 'connection' ? ['type', 'endpoint', 'api-key'] : kind === 'model' ? ['provider', 'task', 'openai.connection'] : ['connector', 'path', 'format'];
  },
};

const complete = (text: string) => completeShellInput(text, source);

describe('shell completion', () => {
  it('offers the keywords the grammar allows next, in the case typed', async () => {
    expect(await complete('SHOW MOD')).toEqual([['MODELS'], 'MOD']);
    expect(await complete('show t')).toEqual([['tables'], 't']);
    expect(await complete('SEL')).toEqual([['SELECT'], 'SEL']);
    expect(await complete('CREATE MO')).toEqual([['MODEL'], 'MO']);
  });

  it('offers only table names where a table goes', async () => {
    expect(await complete('SELECT * FROM ')).toEqual([['orders', 'customers'], '']);
    expect(await complete('INSERT INTO cu')).toEqual([['customers'], 'cu']);
  });

  it('offers the columns of the tables the statement names, or of every table before it names one', async () => {
    expect((await complete('SELECT * FROM customers WHERE re'))[0]).toEqual(['region', 'rename', 'replace', 'reset']);
    expect((await complete('SELECT re'))[0]).toEqual(['review', 'region', 'rename', 'replace', 'reset']);
  });

  it('offers model names in ML_PREDICT and after MODEL, connection names after CONNECTION', async () => {
    expect(await complete("SELECT * FROM orders, LATERAL TABLE(ML_PREDICT('se")).toEqual([['sentiment'], 'se']);
    expect(await complete('DESCRIBE MODEL su')).toEqual([['summarizer'], 'su']);
    expect(await complete('DROP CONNECTION op')).toEqual([['openai_conn'], 'op']);
    expect(await complete("CREATE MODEL m INPUT (t STRING) OUTPUT (l STRING) WITH ('openai.connection' = 'op")).toEqual([['openai_conn'], 'op']);
  });

  it('offers option keys inside WITH (, for the kind of statement, with the closing quote', async () => {
    asked.length = 0;
    expect(await complete("CREATE CONNECTION c WITH ('type' = 'openai', 'ap")).toEqual([["api-key'"], 'ap']);
    expect(await complete("CREATE MODEL m INPUT (t STRING) OUTPUT (l STRING) WITH ('provider' = 'openai',\n  '")).toEqual([["provider'", "task'", "openai.connection'"], '']);
    expect(await complete("CREATE TABLE f (a INT) WITH ('pa")).toEqual([["path'"], 'pa']);
    expect(asked.map((call) => call.kind)).toEqual(['connection', 'model', 'table']);
  });

  it('offers shell commands at the start of a line', async () => {
    expect(await complete('\\f')).toEqual([['\\format'], '\\f']);
    expect((await complete('\\'))[0]).toEqual(['\\q', '\\x', '\\format', '\\?']);
  });
});

describe('shell commands', () => {
  it('knows quit, exit and \\q anywhere, and nothing else', () => {
    for (const line of ['quit', 'EXIT', '\\q', ' quit; ']) expect(isQuit(line)).toBe(true);
    for (const line of ['quit it', 'SELECT 1;', "'exit'"]) expect(isQuit(line)).toBe(false);
  });

  it('parses \\x, \\format and .mode, and leaves SQL alone', () => {
    expect(parseShellCommand('\\x')).toEqual({ kind: 'expanded', value: undefined });
    expect(parseShellCommand('\\x on')).toEqual({ kind: 'expanded', value: true });
    expect(parseShellCommand('\\format csv')).toEqual({ kind: 'format', value: 'csv' });
    expect(parseShellCommand('.mode jsonlines')).toEqual({ kind: 'format', value: 'jsonlines' });
    expect(parseShellCommand('\\?')).toEqual({ kind: 'help' });
    expect(parseShellCommand('\\dt')).toEqual({ kind: 'unknown', name: '\\dt' });
    expect(parseShellCommand('SELECT 1;')).toBeUndefined();
  });

  it('changes the display settings in place', () => {
    const display: DisplaySettings = { format: 'table' };
    expect(applyDisplayCommand({ kind: 'expanded', value: undefined }, display)).toBe('Expanded display is on.');
    expect(display.expanded).toBe(true);
    expect(applyDisplayCommand({ kind: 'format', value: 'NDJSON' }, display)).toBe('Output format is ndjson.');
    expect(display.format).toBe('ndjson');
    expect(applyDisplayCommand({ kind: 'format', value: 'yaml' }, display)).toMatch(/unknown output format 'yaml'/);
    expect(display.format).toBe('ndjson');
  });
});
