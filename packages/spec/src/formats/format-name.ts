/**
 * Format names match ignoring case, `-` and `_` (reference §9.2): `openai-chat`, `OPENAI_CHAT` and
 * `OpenAIChat` are one name. A `:<wrapper>` suffix (split on the first `:`) is kept apart and keeps
 * its spelling, because it names a JSON field.
 */
export function normalizeFormatName(name: string): string {
  return name.replace(/[-_\s]/g, '').toUpperCase();
}

export function splitWrapper(name: string): { name: string; wrapper?: string } {
  const colon = name.indexOf(':');
  if (colon < 0) return { name: name.trim() };
  const wrapper = name.slice(colon + 1).trim();
  return { name: name.slice(0, colon).trim(), wrapper: wrapper === '' ? undefined : wrapper };
}
