import type { QueryStatement } from '@lateral/parser';
import type { EngineContext } from '../engine/engine-context.js';
import type { RowsResult } from '../engine/statement-result.js';
import { bindQuery } from './bind-query.js';
import { executePlan } from './plan-execute.js';

/**
 * SELECT / VALUES: binds now (so name, type and model errors surface before any row is read)
 * and returns the rows as a lazy, pull-based stream of batches.
 */
export async function executeQuery(statement: QueryStatement, context: EngineContext): Promise<RowsResult> {
  const plan = bindQuery(statement.query, context);
  return {
    kind: 'rows',
    statement,
    columns: plan.columns,
    rows: executePlan(plan, { engine: context, signal: context.signal }),
  };
}
