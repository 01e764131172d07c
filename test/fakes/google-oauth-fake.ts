import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { compactVerify, decodeJwt } from 'jose';
import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake } from './http-fake.js';

/**
 * Google's OAuth2 token endpoint for the JWT-bearer grant (provider-protocols §12): it verifies the
 * RS256 assertion with the service account's public key, checks iss, aud (= this token URI),
 * scope and the iat/exp window, issues `ya29.fake-…` tokens and counts requests so tests can
 * check caching. Errors are the real `{"error","error_description"}` bodies.
 */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google allows a little clock skew on `iat`. */
const SKEW_SECONDS = 60;

export interface ServiceAccount {
  clientEmail: string;
  privateKeyId: string;
  /** PKCS#8 PEM, as in a downloaded key file. */
  privateKeyPem: string;
  publicKey: KeyObject;
  projectId: string;
}

export interface GoogleOAuthOptions {
  /** `expires_in` of issued tokens, seconds (default 3599). */
  expiresIn?: number;
  /** The fake's clock (default Date.now); share it with the client under test to test expiry. */
  now?: () => number;
  /** Scope every assertion must carry (default cloud-platform). */
  requiredScope?: string;
  /** Accounts the fake knows (default: one generated account). */
  accounts?: ServiceAccount[];
}

export interface GoogleOAuthState {
  /** The URL the fake answers on and the `aud` it requires; set once the server listens. */
  tokenUri: string;
  /** The first account: the one `serviceKey()` describes. */
  account: ServiceAccount;
  /** Every POST to the token endpoint, accepted or not. */
  tokenRequests: number;
  /** Token → expiry (ms on the fake's clock). */
  issued: Map<string, number>;
  /** The JSON text of a service-account key whose token_uri points at this fake. */
  serviceKey(overrides?: Record<string, unknown>): string;
  isValidToken(token: string): boolean;
  /** Makes every issued token invalid (as a revocation or rotation would). */
  revokeAll(): void;
  handler: FakeHandler;
}

export interface GoogleOAuthFake extends HttpFake {
  oauth: GoogleOAuthState;
}

/** A fresh RSA key pair and identity for a test service account. */
export function createServiceAccount(clientEmail = 'lateral-test@lateral-test-project.iam.gserviceaccount.com'): ServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    clientEmail,
    privateKeyId: randomBytes(20).toString('hex'),
    privateKeyPem: privateKey,
    publicKey: createPublicKey(publicKey),
    projectId: clientEmail.split('@')[1]?.split('.')[0] ?? 'lateral-test-project',
  };
}

/** A downloaded-key-shaped JSON document. */
export function serviceKeyJson(account: ServiceAccount, tokenUri: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'service_account',
    project_id: account.projectId,
    private_key_id: account.privateKeyId,
    private_key: account.privateKeyPem,
    client_email: account.clientEmail,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    ...overrides,
  });
}

/** The token endpoint as a handler, to mount on another fake's server (the Vertex fake does). */
export function createGoogleOAuth(options: GoogleOAuthOptions = {}): GoogleOAuthState {
  const now = options.now ?? Date.now;
  const accounts = options.accounts ?? [createServiceAccount()];
  const requiredScope = options.requiredScope ?? CLOUD_PLATFORM_SCOPE;
  const expiresIn = options.expiresIn ?? 3599;
  const state: GoogleOAuthState = {
    tokenUri: '',
    account: accounts[0]!,
    tokenRequests: 0,
    issued: new Map(),
    serviceKey: (overrides) => serviceKeyJson(state.account, state.tokenUri, overrides),
    isValidToken: (token) => (state.issued.get(token) ?? 0) > now(),
    revokeAll: () => state.issued.clear(),
    handler: async (request) => {
      state.tokenRequests++;
      if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'Method not allowed.');
      if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return oauthError(400, 'invalid_request', 'Request must be application/x-www-form-urlencoded.');
      }
      const form = new URLSearchParams(request.body.toString('utf8'));
      const grantType = form.get('grant_type');
      if (grantType !== JWT_BEARER) return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
      const assertion = form.get('assertion');
      if (!assertion) return oauthError(400, 'invalid_request', 'Missing required parameter: assertion');
      const refusal = await checkAssertion(assertion, accounts, state.tokenUri, requiredScope, now());
      if (refusal) return refusal;
      const token = `ya29.fake-${randomBytes(24).toString('base64url')}`;
      state.issued.set(token, now() + expiresIn * 1000);
      return { status: 200, body: { access_token: token, expires_in: expiresIn, token_type: 'Bearer' } };
    },
  };
  return state;
}

/** A standalone token endpoint at `<url>/token`. */
export async function startGoogleOAuthFake(options: GoogleOAuthOptions = {}): Promise<GoogleOAuthFake> {
  const oauth = createGoogleOAuth(options);
  const fake = await startHttpFake((request) =>
    request.path === '/token' ? oauth.handler(request) : oauthError(404, 'invalid_request', 'Not found.'),
  );
  oauth.tokenUri = `${fake.url}/token`;
  return Object.assign(fake, { oauth });
}

async function checkAssertion(
  assertion: string,
  accounts: ServiceAccount[],
  tokenUri: string,
  requiredScope: string,
  nowMs: number,
): Promise<FakeReply | undefined> {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(assertion);
  } catch {
    return oauthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a well-formed JWT.');
  }
  const account = accounts.find((a) => a.clientEmail === claims.iss);
  if (!account) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
  try {
    const { protectedHeader } = await compactVerify(assertion, account.publicKey, { algorithms: ['RS256'] });
    if (protectedHeader.kid !== undefined && protectedHeader.kid !== account.privateKeyId) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    }
  } catch {
    return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  if (claims.aud !== tokenUri) return oauthError(400, 'invalid_grant', `Invalid JWT: Failed audience check. The right audience is ${tokenUri}`);
  const { iat, exp } = claims;
  const nowSeconds = nowMs / 1000;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > 3600 || exp <= nowSeconds || iat > nowSeconds + SKEW_SECONDS) {
    return oauthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (!scopes.includes(requiredScope)) return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  return undefined;
}

function oauthError(status: number, error: string, description: string): FakeReply {
  return { status, body: { error, error_description: description } };
}
