/**
 * Secret-looking option values in SQL text (`'api-key' = '...'`) are replaced before the text is
 * kept anywhere (shell history). Keys follow the dialect's credential names (reference §3.3),
 * in any case, with `-` or `_`.
 */
const SECRET_KEY = /('(?:api[-_]key|aws[-_]secret[-_](?:access[-_])?key|aws[-_]session[-_]token|aws[-_]access[-_]key(?:[-_]id)?|service[-_]key|password|token|client[-_]secret|[a-z0-9_]+\.api[-_]key)'\s*=\s*)'(?:[^']|'')*'/gi;

export function redactSecrets(sql: string): string {
  return sql.replace(SECRET_KEY, "$1'*****'");
}
