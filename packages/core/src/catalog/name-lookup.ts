import type { ObjectName } from '@lateral/parser';

/**
 * Lateral has one catalog and one database per data directory, so `cat.db.name` means `name`.
 */
export function objectBaseName(name: ObjectName): string {
  return name.parts[name.parts.length - 1] ?? '';
}

/** Exact match first, else the one case-insensitive match (none when several differ only in case). */
export function findByName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const exact = items.find((item) => item.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const matches = items.filter((item) => item.name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Any item whose name equals `name` ignoring case: creating it would make lookups ambiguous. */
export function findClash<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const lower = name.toLowerCase();
  return items.find((item) => item.name.toLowerCase() === lower);
}
