/**
 * The typed AST produced by the Lateral grammar.
 *
 * Every node carries its `location` in the source text so later stages (binder, catalog
 * validation, runtime errors) can point at the exact statement, line and column.
 * Keywords are normalised to upper case; identifiers keep the spelling the user wrote
 * (backticks removed).
 */

import type { DataType, RowField, SourceLocation } from './sql-types.js';

// The AST is part of the plugin contracts: a table function (TableFunctionV1) is handed its call's
// argument expressions, so the node types live here and @lateral/parser produces them.

export interface Located {
  location: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Names

/** A possibly qualified object name: `name`, `db.name`, `catalog.db.name`, with a model version. */
export interface ObjectName extends Located {
  type: 'object_name';
  /** The name parts, last one is the object itself. */
  parts: string[];
  /** `$<n>` or `$all` suffix (models only). */
  version?: number | 'all';
}

/** How a model name was written as a function argument. */
export type ModelRefStyle = 'string' | 'backtick' | 'bare';

// ---------------------------------------------------------------------------------------------
// Types

export interface ColumnDef extends Located {
  type: 'column_def';
  name: string;
  dataType: DataType;
  comment?: string;
}

// ---------------------------------------------------------------------------------------------
// WITH ('key' = 'value', ...)

export interface OptionEntry extends Located {
  type: 'option';
  /** The key exactly as written (option keys are matched case-insensitively later). */
  key: string;
  value: string;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expression =
  | Literal
  | ColumnRef
  | BinaryExpression
  | UnaryExpression
  | IsNullExpression
  | CastExpression
  | FunctionCall
  | ModelRef
  | MapConstructor
  | ArrayConstructor
  | CaseExpression;

export interface Literal extends Located {
  type: 'literal';
  valueType: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
  /** Numeric literals keep their source text (`1.50`), so DECIMAL values stay exact. */
  raw?: string;
}

export interface ColumnRef extends Located {
  type: 'column';
  /** Table alias or table name before the dot, if any. */
  qualifier?: string;
  name: string;
}

export type BinaryOperator =
  | '||'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'AND'
  | 'OR'
  | 'LIKE'
  | 'NOT LIKE';

export interface BinaryExpression extends Located {
  type: 'binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface UnaryExpression extends Located {
  type: 'unary';
  op: 'NOT' | '-';
  operand: Expression;
}

export interface IsNullExpression extends Located {
  type: 'is_null';
  operand: Expression;
  negated: boolean;
}

export interface CastExpression extends Located {
  type: 'cast';
  expr: Expression;
  dataType: DataType;
  /** TRY_CAST: null instead of an error. */
  safe: boolean;
}

export interface FunctionCall extends Located {
  type: 'call';
  /** Function name upper-cased (`ML_PREDICT`, `CONCAT`, `UPPER`). */
  name: string;
  args: Expression[];
}

/**
 * The first argument of ML_PREDICT / AI_COMPLETE / AI_EMBEDDING / ML_EVALUATE: a model name
 * written as 'string', `backticks` or a bare identifier. A string is parsed for an optional
 * `catalog.db.` prefix, back-quoted parts and a `$n` / `$all` suffix.
 */
export interface ModelRef extends Located {
  type: 'model_ref';
  name: ObjectName;
  style: ModelRefStyle;
}

export interface MapConstructor extends Located {
  type: 'map';
  entries: Array<{ key: Expression; value: Expression }>;
}

export interface ArrayConstructor extends Located {
  type: 'array';
  elements: Expression[];
}

export interface CaseExpression extends Located {
  type: 'case';
  /** `CASE operand WHEN ...` form; absent for searched CASE. */
  operand?: Expression;
  whens: Array<{ when: Expression; then: Expression }>;
  else?: Expression;
}

// ---------------------------------------------------------------------------------------------
// Queries

export type SelectItem = SelectStar | SelectExpression;

export interface SelectStar extends Located {
  type: 'select_star';
  qualifier?: string;
}

export interface SelectExpression extends Located {
  type: 'select_expr';
  expr: Expression;
  alias?: string;
}

export type FromItem = TableRef | LateralTableCall;

/** How a FROM item is joined to the items before it. The first item is always 'first'. */
export type JoinKind = 'first' | 'comma' | 'cross' | 'left';

export interface TableRef extends Located {
  type: 'table_ref';
  join: JoinKind;
  name: ObjectName;
  alias?: string;
}

/** `LATERAL TABLE(fn(args)) [AS] alias[(col, ...)]` */
export interface LateralTableCall extends Located {
  type: 'lateral';
  join: JoinKind;
  call: FunctionCall;
  alias?: string;
  columnAliases?: string[];
}

export interface OrderItem extends Located {
  expr: Expression;
  direction: 'ASC' | 'DESC';
}

export interface SelectQuery extends Located {
  type: 'select';
  distinct: boolean;
  projections: SelectItem[];
  /** Empty for `SELECT 1 id, 'x' text` without FROM. */
  from: FromItem[];
  where?: Expression;
  orderBy?: OrderItem[];
  limit?: number;
}

export interface ValuesClause extends Located {
  type: 'values';
  rows: Expression[][];
}

// ---------------------------------------------------------------------------------------------
// Statements

interface StatementBase extends Located {
  /** The statement's own source text, without the trailing `;`. */
  text: string;
}

export interface CreateConnectionStatement extends StatementBase {
  type: 'create_connection';
  name: ObjectName;
  orReplace: boolean;
  ifNotExists: boolean;
  comment?: string;
  options: OptionEntry[];
}

export interface AlterConnectionStatement extends StatementBase {
  type: 'alter_connection';
  name: ObjectName;
  ifExists: boolean;
  options: OptionEntry[];
}

export interface CreateModelStatement extends StatementBase {
  type: 'create_model';
  name: ObjectName;
  orReplace: boolean;
  ifNotExists: boolean;
  input?: ColumnDef[];
  output?: ColumnDef[];
  comment?: string;
  options: OptionEntry[];
}

export type AlterModelAction =
  | { kind: 'set'; options: OptionEntry[] }
  | { kind: 'reset'; keys: string[] }
  | { kind: 'rename'; newName: ObjectName };

export interface AlterModelStatement extends StatementBase {
  type: 'alter_model';
  name: ObjectName;
  ifExists: boolean;
  action: AlterModelAction;
}

export interface CreateTableStatement extends StatementBase {
  type: 'create_table';
  name: ObjectName;
  ifNotExists: boolean;
  columns: ColumnDef[];
  comment?: string;
  options: OptionEntry[];
}

export interface InsertStatement extends StatementBase {
  type: 'insert';
  table: ObjectName;
  /** Explicit target column list, if written. */
  columns?: string[];
  source: ValuesClause | SelectQuery;
}

export interface QueryStatement extends StatementBase {
  type: 'query';
  query: SelectQuery | ValuesClause;
}

export type ObjectKind = 'table' | 'model' | 'connection';

export interface DropStatement extends StatementBase {
  type: 'drop';
  objectKind: ObjectKind;
  name: ObjectName;
  ifExists: boolean;
}

export interface ShowStatement extends StatementBase {
  type: 'show';
  /** SHOW TABLES / MODELS / CONNECTIONS. */
  objectKind: 'tables' | 'models' | 'connections';
  /** `SHOW TABLES|MODELS FROM|IN [catalog.]database`, if written. */
  database?: ObjectName;
  like?: { pattern: string; negated: boolean };
}

export interface ShowCreateStatement extends StatementBase {
  type: 'show_create';
  objectKind: ObjectKind;
  name: ObjectName;
}

export interface DescribeStatement extends StatementBase {
  type: 'describe';
  /** `DESCRIBE name` (no kind keyword) describes a table. */
  objectKind: ObjectKind;
  name: ObjectName;
}

export interface SetStatement extends StatementBase {
  type: 'set';
  /** Absent for a bare `SET;`, which lists the session settings. */
  key?: string;
  value?: string;
}

export interface ResetStatement extends StatementBase {
  type: 'reset';
  key?: string;
}

export type Statement =
  | CreateConnectionStatement
  | AlterConnectionStatement
  | CreateModelStatement
  | AlterModelStatement
  | CreateTableStatement
  | InsertStatement
  | QueryStatement
  | DropStatement
  | ShowStatement
  | ShowCreateStatement
  | DescribeStatement
  | SetStatement
  | ResetStatement;

export interface Script {
  type: 'script';
  statements: Statement[];
}
