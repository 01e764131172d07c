import { createHash } from 'node:crypto';
import type { ResolvedModel } from '@lateral/spec';

/**
 * A stable hash of a resolved model: equal models (whatever their key order) get equal keys, so a
 * worker builds one ModelInvocation per model. Secrets are hashed, never kept.
 */
export function modelKey(model: ResolvedModel): string {
  return createHash('sha256').update(canonicalJson(model)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}
