/**
 * RFC 6901 JSON Pointer reads, used for response paths (`/choices/0/message/content`) and for
 * output wrappers (`JSON:outputs` reads `/outputs`; a wrapper may also be a full pointer).
 */

/** The pointer a wrapper names: `outputs` → `/outputs`, `/a/b` stays. */
export function wrapperPointer(wrapper: string): string {
  return wrapper.startsWith('/') ? wrapper : `/${wrapper}`;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at `pointer`, or `{ found: false }` when a step is missing. */
export function readPointer(document: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  if (pointer === '') return { found: true, value: document };
  const tokens = (pointer.startsWith('/') ? pointer.slice(1) : pointer).split('/').map(unescapeToken);
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(token) || Number(token) >= current.length) return { found: false };
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
