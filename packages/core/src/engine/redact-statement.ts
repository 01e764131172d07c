/**
 * `'<key>' = '<value>'` pairs whose key names a credential (api-key, aws-secret-key, service-key,
 * password, token, client-secret, ...), in any case, with `-` or `_`.
 */
const SECRET_PAIR = /('(?:[^']|'')*(?:key|secret|password|passwd|token|credential)(?:[^']|'')*'\s*=\s*')((?:[^']|'')*)(')/gi;

/**
 * Masks credential values in SQL text kept on errors (statement text, caret excerpts). Each
 * masked character becomes `*`, so columns and carets still line up.
 */
export function redactSecretValues(text: string): string {
  return text.replace(SECRET_PAIR, (_match, head: string, value: string, tail: string) => `${head}${'*'.repeat(value.length)}${tail}`);
}
