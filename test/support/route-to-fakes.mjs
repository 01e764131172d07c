// Preloaded into the `lateral` process by tests (`NODE_OPTIONS=--import <this file>`) so SQL can
// run exactly as a document writes it — `'endpoint' = 'https://api.anthropic.com/v1/messages'` —
// while every request goes to a fake on 127.0.0.1. LATERAL_TEST_ROUTES maps origins to fakes:
// {"https://api.anthropic.com": "http://127.0.0.1:40123"}. A request to any other host that is not
// loopback fails before it leaves the machine: a test never calls a real provider.
//
// Lateral sends every request through undici without its own dispatcher, so the global dispatcher
// set here (shared by every copy of undici 7 in the process) sees them all.
import { Agent, setGlobalDispatcher } from 'undici';

const routes = JSON.parse(process.env.LATERAL_TEST_ROUTES ?? '{}');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function reroute(options) {
  const origin = new URL(String(options.origin));
  const target = routes[origin.origin];
  if (target !== undefined) return { ...options, origin: target };
  if (LOOPBACK.has(origin.hostname)) return options;
  throw new Error(`test routing: no fake for ${origin.origin}; refusing to call a real host`);
}

setGlobalDispatcher(new Agent().compose((dispatch) => (options, handler) => dispatch(reroute(options), handler)));
