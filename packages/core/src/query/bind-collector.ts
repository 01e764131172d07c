import type { SourceLocation } from '@lateral/parser';
import { LateralError, LateralErrors } from '@lateral/spec';

/**
 * Collects bind errors so one run reports every problem of a statement (each with its location)
 * instead of stopping at the first. Parts that failed are skipped; `throwIfAny` ends binding.
 */
export class BindCollector {
  readonly errors: LateralError[] = [];

  /** Runs `bind`; a LateralError is recorded and `undefined` returned, anything else propagates. */
  attempt<T>(bind: () => T): T | undefined {
    try {
      return bind();
    } catch (error) {
      if (error instanceof LateralErrors) {
        this.errors.push(...error.errors);
        return undefined;
      }
      if (!LateralError.isInstance(error)) throw error;
      this.errors.push(error);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.errors.length === 1) throw this.errors[0];
    if (this.errors.length > 1) throw new LateralErrors([...this.errors]);
  }
}

/** Gives an error raised without a location (e.g. by the catalog) the location of the SQL that caused it. */
export function relocate(error: unknown, location: SourceLocation): unknown {
  if (!LateralError.isInstance(error) || error.location !== undefined) return error;
  return new LateralError({ ...error.toPlain(), location, cause: error });
}
