import type { Statement } from '@lateral/parser';
import { LateralError } from '@lateral/spec';
import type { StatementResult } from '../engine/statement-result.js';
import type { DdlContext } from './ddl-context.js';
import { alterConnection, createConnection, dropConnection } from './ddl-connection.js';
import { describeConnection, showConnections, showCreateConnection } from './ddl-connection-show.js';
import { createModel } from './ddl-model.js';
import { alterModel, dropModel } from './ddl-model-alter.js';
import { describeModel, showCreateModel, showModels } from './ddl-model-show.js';
import { resetSetting, setSetting } from './ddl-settings.js';
import { createTable, describeTable, dropTable, showCreateTable, showTables } from './ddl-table.js';

/** Every statement but queries and INSERT: catalog changes, SHOW/DESCRIBE, session settings. */
export type DdlStatement = Exclude<Statement, { type: 'query' } | { type: 'insert' }>;

export function isDdlStatement(statement: Statement): statement is DdlStatement {
  return statement.type !== 'query' && statement.type !== 'insert';
}

export async function executeDdl(statement: DdlStatement, context: DdlContext): Promise<StatementResult> {
  switch (statement.type) {
    case 'create_connection':
      return createConnection(statement, context);
    case 'alter_connection':
      return alterConnection(statement, context);
    case 'create_model':
      return createModel(statement, context);
    case 'alter_model':
      return alterModel(statement, context);
    case 'create_table':
      return createTable(statement, context);
    case 'drop':
      switch (statement.objectKind) {
        case 'connection':
          return dropConnection(statement, context);
        case 'model':
          return dropModel(statement, context);
        case 'table':
          return dropTable(statement, context);
      }
      break;
    case 'show':
      switch (statement.objectKind) {
        case 'connections':
          return showConnections(statement, context);
        case 'models':
          return showModels(statement, context);
        case 'tables':
          return showTables(statement, context);
      }
      break;
    case 'show_create':
      switch (statement.objectKind) {
        case 'connection':
          return showCreateConnection(statement, context);
        case 'model':
          return showCreateModel(statement, context);
        case 'table':
          return showCreateTable(statement, context);
      }
      break;
    case 'describe':
      switch (statement.objectKind) {
        case 'connection':
          return describeConnection(statement, context);
        case 'model':
          return describeModel(statement, context);
        case 'table':
          return describeTable(statement, context);
      }
      break;
    case 'set':
      return setSetting(statement, context);
    case 'reset':
      return resetSetting(statement, context);
  }
  // The AST is a closed union: reaching here means the parser grew a statement this switch lacks.
  throw new LateralError({ code: 'LATERAL_ERR_INTERNAL', message: `Unhandled statement type '${(statement as Statement).type}'.` });
}
