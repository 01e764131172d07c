import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Dispatcher } from 'undici';
import { abortable, maskAndTruncate, ProviderCallError, RETRYABLE_STATUSES, safeUrl, sendHttp } from '@lateral/spec';
import type { ServiceAccountKey } from './vertexai-service-key.js';

/** Vertex AI needs the cloud-platform scope (reference §12, §13.1). */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The longest assertion Google accepts. */
const ASSERTION_LIFETIME_SECONDS = 3600;
/** google-auth-library's eager refresh threshold; shorter tokens refresh after 3/4 of their life. */
const EAGER_REFRESH_MS = 5 * 60_000;
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

export interface TokenSourceOptions {
  providerId: string;
  key: ServiceAccountKey;
  scope?: string;
  dispatcher?: Dispatcher;
  now?: () => number;
  /** Extra strings to keep out of messages (the raw service-key text). */
  secrets?: readonly string[];
}

export interface AccessToken {
  token: string;
  /** True when this call waited for a token request rather than reading the cache. */
  fresh: boolean;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

/**
 * OAuth2 access tokens for a service account via the JWT-bearer grant (RFC 7523): an RS256
 * assertion signed with `jose`, POSTed form-encoded to the key's `token_uri` through core's
 * `sendHttp` (so the injected dispatcher and the fakes apply). Tokens are cached until shortly
 * before they expire, and concurrent callers share one in-flight request.
 *
 * google-auth-library was considered: its current major needs Node 22, and its transport (gaxios)
 * and clock are not injectable, which the engine needs for dispatchers and testable expiry.
 */
export class ServiceAccountTokenSource {
  private cached?: CachedToken;
  private inflight?: Promise<CachedToken>;
  private signingKey?: KeyObject;
  private readonly now: () => number;

  constructor(private readonly options: TokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  async getToken(signal?: AbortSignal): Promise<AccessToken> {
    if (this.cached && this.now() < this.cached.refreshAt) return { token: this.cached.token, fresh: false };
    if (!this.inflight) {
      const request = this.requestToken();
      this.inflight = request;
      // The shared request settles the cache whoever waits for it; its failure is reported to every waiter.
      request.then(
        (token) => {
          this.cached = token;
          if (this.inflight === request) this.inflight = undefined;
        },
        () => {
          if (this.inflight === request) this.inflight = undefined;
        },
      );
    }
    const token = await abortable(this.inflight, signal);
    return { token: token.token, fresh: true };
  }

  /** Forgets a token the API refused (401), so the next call fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async requestToken(): Promise<CachedToken> {
    const { key, providerId } = this.options;
    const startedAt = this.now();
    let assertion: string;
    try {
      assertion = await this.sign(startedAt);
    } catch (error) {
      // jose and node:crypto messages name the problem, not the key
      const cause = error instanceof Error ? error.message : String(error);
      throw authError(providerId, `cannot sign the token request for ${key.clientEmail}: ${cause}`, [key.privateKey, ...(this.options.secrets ?? [])], {
        retryable: false,
        cause: error,
      });
    }
    const sensitive = [key.privateKey, assertion, ...(this.options.secrets ?? [])];
    const where = safeUrl(key.tokenUri);
    let response;
    try {
      response = await sendHttp({
        providerId,
        url: key.tokenUri,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
        dispatcher: this.options.dispatcher,
        timeoutMs: TOKEN_REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      const cause = (error instanceof Error ? error.message : String(error)).replace(`${providerId}: `, '');
      // sendHttp's own failures carry the retry decision; anything else failed before an answer (retried)
      const retryable = ProviderCallError.isInstance(error) ? error.retryable : true;
      throw authError(providerId, `cannot obtain an access token for ${key.clientEmail}: ${cause}`, sensitive, { retryable, cause: error });
    }
    const text = new TextDecoder().decode(response.body);
    const body = parseJson(text);
    if (response.status !== 200) {
      const code = typeof body?.error === 'string' ? body.error : undefined;
      const description = typeof body?.error_description === 'string' ? body.error_description : text;
      throw authError(
        providerId,
        `the token endpoint ${where} refused the service key of ${key.clientEmail} (${response.status}${code ? ` ${code}` : ''}): ${description}`,
        sensitive,
        { retryable: RETRYABLE_STATUSES.has(response.status), status: response.status, providerCode: code },
      );
    }
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw authError(providerId, `the token endpoint ${where} answered without an access_token.`, sensitive, { retryable: false, status: response.status });
    }
    const expiresIn = typeof body?.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : ASSERTION_LIFETIME_SECONDS;
    const lifetimeMs = expiresIn * 1000;
    return { token, refreshAt: startedAt + lifetimeMs - Math.min(EAGER_REFRESH_MS, lifetimeMs / 4) };
  }

  private async sign(nowMs: number): Promise<string> {
    const { key, scope } = this.options;
    // node:crypto reads PKCS#8 (what key files hold) and PKCS#1 PEM alike; jose signs with the KeyObject
    this.signingKey ??= createPrivateKey(key.privateKey);
    const issuedAt = Math.floor(nowMs / 1000);
    return new SignJWT({ scope: scope ?? CLOUD_PLATFORM_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) })
      .setIssuer(key.clientEmail)
      .setAudience(key.tokenUri)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
      .sign(this.signingKey);
  }
}

function authError(
  providerId: string,
  message: string,
  sensitive: readonly string[],
  extra: { retryable: boolean; status?: number; providerCode?: string; cause?: unknown },
): ProviderCallError {
  return new ProviderCallError({
    code: 'LATERAL_ERR_PROVIDER_AUTH',
    message: `${providerId}: ${maskAndTruncate(message, sensitive, 500)}`,
    providerId,
    ...extra,
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
