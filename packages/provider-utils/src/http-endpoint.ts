import { safeUrl } from '@lateral/spec';

/**
 * Any http(s) URL is accepted, local servers included (design: Endpoints); providers that post to
 * the endpoint as it is need nothing more. Messages name the URL through `safeUrl` only.
 */
export function validateHttpEndpoint(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The endpoint is not a valid URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The endpoint must be an http or https URL, got '${url.protocol}' (${safeUrl(endpoint)}).`;
  }
  return undefined;
}
