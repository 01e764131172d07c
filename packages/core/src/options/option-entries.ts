import type { OptionEntry } from '@lateral/parser';
import type { Diagnostic } from '@lateral/spec';

/** WITH options with keys lower-cased (keys are case-insensitive, reference §2), plus where each was written. */
export interface NormalizedOptions {
  values: Record<string, string>;
  /** Lower-cased key → the entry as written, to point errors at it. */
  entries: Map<string, OptionEntry>;
  diagnostics: Diagnostic[];
}

export function normalizeOptionEntries(options: readonly OptionEntry[]): NormalizedOptions {
  const values: Record<string, string> = {};
  const entries = new Map<string, OptionEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of options) {
    const key = entry.key.trim().toLowerCase();
    if (entries.has(key)) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option: key,
        message: `Option '${key}' is set more than once (keys are case-insensitive).`,
      });
      continue;
    }
    entries.set(key, entry);
    values[key] = entry.value;
  }
  return { values, entries, diagnostics };
}
