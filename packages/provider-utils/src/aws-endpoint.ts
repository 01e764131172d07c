/**
 * The URL of an AWS runtime endpoint, before the provider reads its path: any http(s) URL, so
 * proxies and local fakes work. Throws a plain Error with a user-facing message (the provider's
 * connection check returns it, its transport wraps it).
 */
export function awsEndpointUrl(providerId: string, endpoint: string, shape: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`For ${providerId} endpoint expected to match ${shape}, got ${endpoint}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`For ${providerId} endpoint expected an http(s) URL, got ${url.protocol}`);
  }
  return url;
}

/**
 * The region in an AWS runtime host: `<service>.<region>.amazonaws.com`, its `-fips` twin, VPC
 * endpoint names (`vpce-….<service>.<region>.vpce.amazonaws.com`) and the China partition.
 * `service` is the host label pattern before the region, e.g. `bedrock-runtime(?:-fips)?`.
 */
export function awsHostRegion(hostname: string, service: string): string | undefined {
  const host = new RegExp(`(?:^|\\.)${service}\\.(?<region>[a-z]{2}(?:-[a-z]+)+-\\d+)\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?$`);
  return host.exec(hostname)?.groups?.region;
}
