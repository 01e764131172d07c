import type { SelectQuery, ValuesClause } from '@lateral/parser';
import type { EngineContext } from '../engine/engine-context.js';
import { bindSelect } from './bind-select.js';
import { tableFunctionKinds } from './bind-scope.js';
import { bindValuesQuery } from './bind-values.js';
import type { PlanNode } from './plan-nodes.js';

/** Binds a SELECT or a VALUES list into an executable plan (throws located LateralError(s)). */
export function bindQuery(query: SelectQuery | ValuesClause, context: EngineContext): PlanNode {
  return query.type === 'select' ? bindSelect(query, context) : bindValuesQuery(query, tableFunctionKinds(context.registry));
}
