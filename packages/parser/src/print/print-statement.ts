import type { ColumnDef, OptionEntry, Statement } from '../ast.js';
import { printDataType } from './print-data-type.js';
import { printIdentifier, printObjectName, printStringLiteral } from './print-name.js';
import { printQuery } from './print-query.js';

/**
 * A statement in canonical form, on one line and without the trailing `;`: upper-case keywords,
 * back-quotes only where needed, options as `'key' = 'value'`, optional keywords normalised
 * (`DESC` prints as `DESCRIBE`, explicit `ASC` is dropped).
 */
export function printStatement(statement: Statement): string {
  switch (statement.type) {
    case 'create_connection':
      return join(
        'CREATE',
        statement.orReplace && 'OR REPLACE',
        'CONNECTION',
        statement.ifNotExists && 'IF NOT EXISTS',
        printObjectName(statement.name),
        printComment(statement.comment),
        `WITH ${printOptions(statement.options)}`,
      );
    case 'alter_connection':
      return join(
        'ALTER CONNECTION',
        statement.ifExists && 'IF EXISTS',
        printObjectName(statement.name),
        `SET ${printOptions(statement.options)}`,
      );
    case 'create_model':
      return join(
        'CREATE',
        statement.orReplace && 'OR REPLACE',
        'MODEL',
        statement.ifNotExists && 'IF NOT EXISTS',
        printObjectName(statement.name),
        statement.input && `INPUT ${printColumns(statement.input)}`,
        statement.output && `OUTPUT ${printColumns(statement.output)}`,
        printComment(statement.comment),
        `WITH ${printOptions(statement.options)}`,
      );
    case 'alter_model': {
      const { action } = statement;
      const actionText =
        action.kind === 'set'
          ? `SET ${printOptions(action.options)}`
          : action.kind === 'reset'
            ? `RESET (${action.keys.map(printStringLiteral).join(', ')})`
            : `RENAME TO ${printObjectName(action.newName)}`;
      return join('ALTER MODEL', statement.ifExists && 'IF EXISTS', printObjectName(statement.name), actionText);
    }
    case 'create_table':
      return join(
        'CREATE TABLE',
        statement.ifNotExists && 'IF NOT EXISTS',
        printObjectName(statement.name),
        printColumns(statement.columns),
        printComment(statement.comment),
        statement.options.length > 0 && `WITH ${printOptions(statement.options)}`,
      );
    case 'insert':
      return join(
        'INSERT INTO',
        printObjectName(statement.table),
        statement.columns && `(${statement.columns.map(printIdentifier).join(', ')})`,
        printQuery(statement.source),
      );
    case 'query':
      return printQuery(statement.query);
    case 'drop':
      return join('DROP', statement.objectKind.toUpperCase(), statement.ifExists && 'IF EXISTS', printObjectName(statement.name));
    case 'show':
      return join(
        'SHOW',
        statement.objectKind.toUpperCase(),
        statement.database && `FROM ${printObjectName(statement.database)}`,
        statement.like && `${statement.like.negated ? 'NOT LIKE' : 'LIKE'} ${printStringLiteral(statement.like.pattern)}`,
      );
    case 'show_create':
      return join('SHOW CREATE', statement.objectKind.toUpperCase(), printObjectName(statement.name));
    case 'describe':
      return join('DESCRIBE', statement.objectKind !== 'table' && statement.objectKind.toUpperCase(), printObjectName(statement.name));
    case 'set':
      return statement.key === undefined
        ? 'SET'
        : `SET ${printStringLiteral(statement.key)} = ${printStringLiteral(statement.value ?? '')}`;
    case 'reset':
      return statement.key === undefined ? 'RESET' : `RESET ${printStringLiteral(statement.key)}`;
  }
}

/** Joins the present parts with single spaces (false, '' and undefined parts are skipped). */
function join(...parts: Array<string | false | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
}

function printComment(comment: string | undefined): string | undefined {
  return comment === undefined ? undefined : `COMMENT ${printStringLiteral(comment)}`;
}

function printOptions(options: OptionEntry[]): string {
  return `(${options.map((option) => `${printStringLiteral(option.key)} = ${printStringLiteral(option.value)}`).join(', ')})`;
}

function printColumns(columns: ColumnDef[]): string {
  return `(${columns.map(printColumn).join(', ')})`;
}

function printColumn(column: ColumnDef): string {
  return join(printIdentifier(column.name), printDataType(column.dataType), printComment(column.comment));
}
