import { FAKE_STARTERS, type FakeSettings } from './registry.js';

/**
 * Starts one fake provider and keeps it up until SIGTERM/SIGINT:
 *
 *   node --import tsx test/fakes/serve-fake.ts openai --port 0 [--api-key sk-x] [--latency-ms 5]
 *
 * Prints `{"url":"http://127.0.0.1:<port>"}` as one JSON line on stdout once it listens, so a
 * script or test can read the address; everything else goes to stderr.
 */
function parseArguments(argv: string[]): { id?: string; settings: FakeSettings } {
  const settings: FakeSettings = {};
  let id: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument.startsWith('--')) {
      const [name, inline] = argument.slice(2).split(/=(.*)/s);
      if (inline !== undefined) settings[name!] = inline;
      else if (argv[index + 1] !== undefined && !argv[index + 1]!.startsWith('--')) settings[name!] = argv[++index];
      else settings[name!] = 'true';
    } else if (id === undefined) {
      id = argument;
    }
  }
  return { id, settings };
}

async function main(): Promise<void> {
  const { id, settings } = parseArguments(process.argv.slice(2));
  const starter = id ? FAKE_STARTERS[id] : undefined;
  if (!starter) {
    process.stderr.write(`usage: serve-fake <${Object.keys(FAKE_STARTERS).sort().join('|')}> [--port 0] [--name value ...]\n`);
    process.exit(2);
  }
  // the shared fake server listens on a random port only; 0 is the one value we can honour
  if (settings.port !== undefined && settings.port !== '0') {
    process.stderr.write(`serve-fake: only --port 0 (a random free port) is supported, got ${settings.port}\n`);
    process.exit(2);
  }
  const fake = await starter(settings);
  process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-fake: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
