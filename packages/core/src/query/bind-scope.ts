import type { ColumnRef, SourceLocation } from '@lateral/parser';
import type { ExpressionScope } from '../expressions/expr-compiled.js';
import { bindError } from '../expressions/expr-errors.js';
import type { DataType } from '@lateral/spec';

/** The kind of a registered table function by name (the registry's view the binder passes down). */
export type TableFunctionKinds = (name: string) => 'lateral' | 'aggregate' | undefined;

/** The registry's table functions as a BindScope sees them. */
export function tableFunctionKinds(registry: { tableFunction(name: string): { kind: 'lateral' | 'aggregate' } | undefined }): TableFunctionKinds {
  return (name) => registry.tableFunction(name)?.kind;
}

/** A column visible to expressions: its relation (table alias, table name or lateral alias) and type. */
export interface ScopeColumn {
  relation?: string;
  name: string;
  type: DataType;
}

/**
 * The columns of the FROM items bound so far, in row order: a row at this point of the plan is
 * the concatenation of every item's columns, so a column's position in this list is its index in
 * the row. Names match exactly first, then case-insensitively when that is unambiguous.
 */
export class BindScope implements ExpressionScope {
  constructor(
    readonly columns: readonly ScopeColumn[],
    private readonly tableFunctions?: TableFunctionKinds,
  ) {}

  tableFunctionKind(name: string): 'lateral' | 'aggregate' | undefined {
    return this.tableFunctions?.(name);
  }

  get width(): number {
    return this.columns.length;
  }

  extend(more: readonly ScopeColumn[]): BindScope {
    return new BindScope([...this.columns, ...more], this.tableFunctions);
  }

  relations(): string[] {
    return [...new Set(this.columns.flatMap((c) => (c.relation === undefined ? [] : [c.relation])))];
  }

  resolveColumn(ref: ColumnRef): { index: number; type: DataType } {
    const positions = this.candidates(ref);
    const shown = ref.qualifier === undefined ? ref.name : `${ref.qualifier}.${ref.name}`;
    if (positions.length === 1) {
      const index = positions[0]!;
      return { index, type: this.columns[index]!.type };
    }
    if (positions.length > 1) {
      const where = positions.map((i) => this.describe(i)).join(', ');
      throw bindError('LATERAL_ERR_BIND_AMBIGUOUS_COLUMN', `Column '${shown}' is ambiguous: it matches ${where}`, ref.location);
    }
    if (ref.qualifier !== undefined && this.relationColumns(ref.qualifier).length === 0) {
      const known = this.relations();
      throw bindError(
        'LATERAL_ERR_BIND_UNKNOWN_COLUMN',
        `Column '${shown}' not found: no table or alias '${ref.qualifier}' in FROM${known.length ? ` (known: ${known.join(', ')})` : ''}`,
        ref.location,
        known,
      );
    }
    const available = this.columns.map((_, i) => this.describe(i));
    throw bindError(
      'LATERAL_ERR_BIND_UNKNOWN_COLUMN',
      `Column '${shown}' not found in ${ref.qualifier === undefined ? 'any table' : `'${ref.qualifier}'`}; available columns: ${available.length ? available.join(', ') : '(none)'}`,
      ref.location,
      available,
    );
  }

  /** Indexes of the columns `*` (no qualifier) or `t.*` expands to; throws for an unknown qualifier. */
  star(qualifier: string | undefined, location: SourceLocation): number[] {
    if (qualifier === undefined) return this.columns.map((_, i) => i);
    const positions = this.relationColumns(qualifier);
    if (positions.length === 0) {
      const known = this.relations();
      throw bindError('LATERAL_ERR_BIND_UNKNOWN_TABLE', `No table or alias '${qualifier}' in FROM for '${qualifier}.*'`, location, known);
    }
    return positions;
  }

  private relationColumns(qualifier: string): number[] {
    const exact = this.positions((c) => c.relation === qualifier);
    if (exact.length > 0) return exact;
    const lower = qualifier.toLowerCase();
    const relations = new Set(this.columns.filter((c) => c.relation?.toLowerCase() === lower).map((c) => c.relation));
    return relations.size === 1 ? this.positions((c) => c.relation?.toLowerCase() === lower) : [];
  }

  private candidates(ref: ColumnRef): number[] {
    const within = ref.qualifier === undefined ? this.columns.map((_, i) => i) : this.relationColumns(ref.qualifier);
    const exact = within.filter((i) => this.columns[i]!.name === ref.name);
    if (exact.length > 0) return exact;
    const lower = ref.name.toLowerCase();
    return within.filter((i) => this.columns[i]!.name.toLowerCase() === lower);
  }

  private positions(test: (column: ScopeColumn) => boolean): number[] {
    return this.columns.flatMap((c, i) => (test(c) ? [i] : []));
  }

  private describe(index: number): string {
    const column = this.columns[index]!;
    return column.relation === undefined ? column.name : `${column.relation}.${column.name}`;
  }
}

/** Wraps a scope to record the highest row position an expression reads (for placing filters early). */
export function trackingScope(scope: BindScope): { scope: ExpressionScope; highestIndex(): number } {
  let highest = -1;
  return {
    scope: {
      resolveColumn(ref) {
        const resolved = scope.resolveColumn(ref);
        highest = Math.max(highest, resolved.index);
        return resolved;
      },
      tableFunctionKind: (name) => scope.tableFunctionKind(name),
    },
    highestIndex: () => highest,
  };
}
