import { createPrivateKey } from 'node:crypto';

/** The fields of a service-account JSON key that the token exchange uses (reference §12). */
export interface ServiceAccountKey {
  clientEmail: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  privateKeyId?: string;
  tokenUri: string;
  projectId?: string;
}

export type ServiceKeyResult = { ok: true; key: ServiceAccountKey } | { ok: false; problem: string };

const REQUIRED = ['client_email', 'private_key', 'token_uri'] as const;

/**
 * Parses a `service-key`. Problems name fields, never values: JSON.parse's own message quotes the
 * text it choked on, so it is not passed on.
 */
export function parseServiceAccountKey(text: string): ServiceKeyResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'service-key is not valid JSON; expected the JSON key file of a Google Cloud service account.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, problem: 'service-key must be a JSON object (the key file of a Google Cloud service account).' };
  }
  const fields = parsed as Record<string, unknown>;
  if (fields.type !== undefined && fields.type !== 'service_account') {
    const type = typeof fields.type === 'string' && /^[a-z_]{1,40}$/.test(fields.type) ? `'${fields.type}'` : 'another type';
    return { ok: false, problem: `service-key must be a service-account key (type 'service_account'), not ${type}.` };
  }
  const missing = REQUIRED.filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
  if (missing.length > 0) return { ok: false, problem: `service-key lacks ${missing.join(', ')}.` };
  const tokenUri = fields.token_uri as string;
  if (!/^https?:\/\/[^\s]+$/.test(tokenUri)) return { ok: false, problem: 'service-key token_uri is not an http(s) URL.' };
  try {
    const key = createPrivateKey(fields.private_key as string);
    if (key.asymmetricKeyType !== 'rsa') return { ok: false, problem: 'service-key private_key is not an RSA key.' };
  } catch {
    return { ok: false, problem: 'service-key private_key is not a PEM private key.' };
  }
  return {
    ok: true,
    key: {
      clientEmail: fields.client_email as string,
      privateKey: fields.private_key as string,
      privateKeyId: typeof fields.private_key_id === 'string' ? fields.private_key_id : undefined,
      tokenUri,
      projectId: typeof fields.project_id === 'string' ? fields.project_id : undefined,
    },
  };
}
