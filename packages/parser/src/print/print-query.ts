import type { FromItem, OrderItem, SelectItem, SelectQuery, ValuesClause } from '../ast.js';
import { printExpression } from './print-expression.js';
import { printIdentifier, printObjectName } from './print-name.js';

/** A SELECT or VALUES query on one line. */
export function printQuery(query: SelectQuery | ValuesClause): string {
  return query.type === 'values' ? printValues(query) : printSelect(query);
}

function printValues(values: ValuesClause): string {
  return `VALUES ${values.rows.map((row) => `(${row.map(printExpression).join(', ')})`).join(', ')}`;
}

function printSelect(query: SelectQuery): string {
  const parts = [`SELECT${query.distinct ? ' DISTINCT' : ''} ${query.projections.map(printSelectItem).join(', ')}`];
  if (query.from.length > 0) parts.push(`FROM ${query.from.map(printFromItem).join('')}`);
  if (query.where !== undefined) parts.push(`WHERE ${printExpression(query.where)}`);
  if (query.orderBy !== undefined) parts.push(`ORDER BY ${query.orderBy.map(printOrderItem).join(', ')}`);
  if (query.limit !== undefined) parts.push(`LIMIT ${query.limit}`);
  return parts.join(' ');
}

function printSelectItem(item: SelectItem): string {
  if (item.type === 'select_star') {
    return item.qualifier === undefined ? '*' : `${printIdentifier(item.qualifier)}.*`;
  }
  const alias = item.alias === undefined ? '' : ` AS ${printIdentifier(item.alias)}`;
  return `${printExpression(item.expr)}${alias}`;
}

/** Each item carries its own join prefix (`, `, ` CROSS JOIN `, ...), so items join with ''. */
function printFromItem(item: FromItem): string {
  const prefix = { first: '', comma: ', ', cross: ' CROSS JOIN ', left: ' LEFT JOIN ' }[item.join];
  if (item.type === 'table_ref') {
    const alias = item.alias === undefined ? '' : ` AS ${printIdentifier(item.alias)}`;
    return `${prefix}${printObjectName(item.name)}${alias}`;
  }
  let text = `${prefix}LATERAL TABLE(${printExpression(item.call)})`;
  if (item.alias !== undefined) text += ` AS ${printIdentifier(item.alias)}`;
  if (item.columnAliases !== undefined) text += `(${item.columnAliases.map(printIdentifier).join(', ')})`;
  return item.join === 'left' ? `${text} ON TRUE` : text;
}

function printOrderItem(item: OrderItem): string {
  const expression = printExpression(item.expr);
  return item.direction === 'DESC' ? `${expression} DESC` : expression;
}
