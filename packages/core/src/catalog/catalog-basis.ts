import { LateralError } from '@lateral/spec';
import { findByName, findClash } from './name-lookup.js';

/**
 * What a change was computed from: the entry the statement read (`null`: none existed). A DDL
 * statement reads the catalog, validates, then writes; another process may commit in between.
 * The write transaction compares the current entry with the basis and refuses the change when
 * they differ, so no change is computed from a state that is no longer there (two processes'
 * CREATE MODEL both adding "version 2", a CREATE over a table another process just created).
 */
export interface ChangeBasis<T> {
  basedOn?: T | null;
}

export function checkBasis<T extends { name: string }>(kind: string, current: readonly T[], name: string, basis: ChangeBasis<T> | undefined): void {
  if (basis?.basedOn === undefined) return;
  if (basis.basedOn === null) {
    const clash = findClash(current, name);
    if (clash) {
      throw new LateralError({
        code: 'LATERAL_ERR_CATALOG_EXISTS',
        message: `${kind} '${clash.name}' already exists: another session created it while this statement ran.`,
      });
    }
    return;
  }
  const now = findByName(current, basis.basedOn.name);
  if (JSON.stringify(now) !== JSON.stringify(basis.basedOn)) {
    throw new LateralError({
      code: 'LATERAL_ERR_CATALOG_CHANGED',
      message: `${kind} '${basis.basedOn.name}' was ${now ? 'changed' : 'dropped'} by another session while this statement ran; nothing was changed. Run the statement again.`,
    });
  }
}
