import type { SelectExpression } from '@lateral/parser';

/** Flink's name for a select item: its alias, a column's own name, else `EXPR$<position>`. */
export function outputName(item: SelectExpression, position: number): string {
  if (item.alias !== undefined) return item.alias;
  if (item.expr.type === 'column') return item.expr.name;
  return `EXPR$${position}`;
}

/** Makes names unique as Calcite does: a repeated `a` becomes `a0`, then `a1`, ... */
export function uniquify(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let suffix = 0; used.has(candidate); suffix++) candidate = `${name}${suffix}`;
    used.add(candidate);
    return candidate;
  });
}
