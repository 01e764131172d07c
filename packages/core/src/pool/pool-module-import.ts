/**
 * Imports a provider module inside a worker. Compiled providers are plain ESM. Running from
 * sources (vitest, tsx), piscina loads the .ts worker through tsx's require hook, but Node 20
 * does not apply `--import tsx`'s ESM hooks in worker threads, so a .ts module URL would fail
 * with ERR_UNKNOWN_FILE_EXTENSION: register tsx's ESM hooks in this thread first.
 */
let typescriptHooks: Promise<void> | undefined;

export async function importModule(url: string): Promise<unknown> {
  if (/\.[mc]?ts$/.test(new URL(url).pathname)) {
    typescriptHooks ??= registerTypescriptHooks();
    await typescriptHooks;
  }
  return import(url);
}

async function registerTypescriptHooks(): Promise<void> {
  // A variable specifier: tsx is a development tool of the workspace, not a dependency of core.
  const specifier = 'tsx/esm/api';
  const api = (await import(specifier)) as { register(): unknown };
  api.register();
}
