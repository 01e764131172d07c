import { OUTPUT_FORMATS, type OutputFormat, type WriterOptions } from '../output/result-writer.js';

/** How the shell shows rows: the writer options its commands change for the statements that follow. */
export type DisplaySettings = Pick<WriterOptions, 'format' | 'expanded'>;

export type ShellCommand =
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'expanded'; value: boolean | undefined }
  | { kind: 'format'; value: string | undefined }
  | { kind: 'unknown'; name: string };

/** The commands Tab completes at the start of a line. */
export const SHELL_COMMANDS: readonly string[] = ['\\q', '\\x', '\\format', '\\?'];

const QUIT = /^\s*(?:quit|exit|\\q)\s*;?\s*$/i;

/** `quit`, `exit` and `\q` end the shell wherever they are typed, even inside an unfinished statement. */
export function isQuit(line: string): boolean {
  return QUIT.test(line);
}

/**
 * A shell command typed at the start of a statement: `\x [on|off]`, `\format [NAME]` (also
 * DuckDB's `.mode NAME`), `\?` / `help`, `\q`. Anything else is SQL (undefined).
 */
export function parseShellCommand(line: string): ShellCommand | undefined {
  const trimmed = line.trim().replace(/;$/, '').trim();
  if (isQuit(line)) return { kind: 'quit' };
  if (/^(?:\\\?|help)$/i.test(trimmed)) return { kind: 'help' };
  const match = /^(\\[A-Za-z?]+|\.mode)(?:\s+(\S+))?$/i.exec(trimmed);
  if (!match) return trimmed.startsWith('\\') ? { kind: 'unknown', name: trimmed.split(/\s+/)[0]! } : undefined;
  const name = match[1]!.toLowerCase();
  const argument = match[2];
  if (name === '\\x') {
    if (argument === undefined) return { kind: 'expanded', value: undefined };
    const value = argument.toLowerCase();
    if (value === 'on') return { kind: 'expanded', value: true };
    if (value === 'off') return { kind: 'expanded', value: false };
    return { kind: 'unknown', name: `\\x ${argument}` };
  }
  if (name === '\\format' || name === '.mode') return { kind: 'format', value: argument };
  return { kind: 'unknown', name: match[1]! };
}

/** Applies a display command; returns the line to show the user. */
export function applyDisplayCommand(command: Extract<ShellCommand, { kind: 'expanded' | 'format' }>, display: DisplaySettings): string {
  if (command.kind === 'expanded') {
    display.expanded = command.value ?? !display.expanded;
    return `Expanded display is ${display.expanded ? 'on' : 'off'}.`;
  }
  if (command.value === undefined) return `Output format is ${display.format}.`;
  const wanted = command.value.toLowerCase();
  const format = (wanted === 'jsonlines' ? 'ndjson' : wanted) as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) return `LATERAL_ERR_CLI_USAGE: unknown output format '${command.value}'; expected one of ${OUTPUT_FORMATS.join(', ')}.`;
  display.format = format;
  return `Output format is ${format}.`;
}

export const SHELL_HELP = [
  'End SQL statements with ;. Shell commands:',
  '  \\x [on|off]                      toggle expanded display (one column per line)',
  '  \\format [table|json|ndjson|csv]  show or set the output format (also .mode NAME)',
  '  \\?  or  help                     this help',
  '  \\q, quit, exit, Ctrl-D           leave the shell',
  'Tab completes keywords, tables, columns, models, connections and WITH option keys.',
  'Ctrl-C cancels the running statement, or clears the line at the prompt.',
].join('\n');
