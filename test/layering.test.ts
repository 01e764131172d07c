import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The packages form layers (docs/architecture.md, Packages): `@lateral/spec` holds the contracts
 * and depends on no other Lateral package; the parser sits on spec; provider and connector
 * packages see only spec (and provider-utils); the kernel (`@lateral/core`) sees spec and the
 * parser and names no plugin package; the CLI (the host) may use anything. A source import that
 * crosses a layer fails here, so a provider cannot quietly come to depend on the kernel again.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((name) => existsSync(join(ROOT, 'packages', name, 'package.json')));

function allowedFor(dir: string): readonly string[] | 'any' {
  if (dir === 'spec') return [];
  if (dir === 'parser') return ['@lateral/spec'];
  if (dir === 'provider-utils') return ['@lateral/spec'];
  if (dir.startsWith('provider-') || dir.startsWith('connector-') || dir.startsWith('function-')) {
    return ['@lateral/spec', '@lateral/provider-utils'];
  }
  if (dir === 'core') return ['@lateral/spec', '@lateral/parser'];
  if (dir === 'cli') return 'any';
  throw new Error(`packages/${dir} has no layer: add it to test/layering.test.ts and docs/architecture.md`);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'generated' && entry !== 'node_modules') out.push(...sourceFiles(path));
    } else if (/\.(ts|mts|js|mjs)$/.test(entry)) {
      out.push(path);
    }
  }
  return out;
}

/** Every module specifier a file names: static imports and re-exports, side-effect imports, import(). */
function importSpecifiers(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) {
    for (const match of withoutComments.matchAll(pattern)) specifiers.push(match[1]!);
  }
  return specifiers;
}

function lateralPackageOf(specifier: string): string | undefined {
  const match = /^(@lateral\/[^/]+)/.exec(specifier);
  return match?.[1];
}

function manifest(dir: string): Record<string, Record<string, string> | undefined> {
  return JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
}

describe('package layering', () => {
  it('finds the import specifiers of every form', () => {
    const text = [
      "import type { A } from '@lateral/spec';",
      "export { B } from '@lateral/core';",
      "import '@lateral/parser';",
      "const m = await import('@lateral/provider-x');",
      "// import { C } from '@lateral/cli';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['@lateral/spec', '@lateral/core', '@lateral/parser', '@lateral/provider-x']);
  });

  it.each(PACKAGES)('packages/%s imports only what its layer allows', (dir) => {
    const allowed = allowedFor(dir);
    if (allowed === 'any') return;
    const src = join(ROOT, 'packages', dir, 'src');
    const crossings: string[] = [];
    for (const file of sourceFiles(src)) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const target = lateralPackageOf(specifier);
        if (target !== undefined && target !== `@lateral/${dir}` && !allowed.includes(target)) {
          crossings.push(`${relative(ROOT, file)} imports ${specifier}`);
        }
        if (specifier.startsWith('.') && specifier.includes('/packages/')) crossings.push(`${relative(ROOT, file)} reaches into ${specifier}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it.each(PACKAGES)('packages/%s declares only the Lateral packages its layer allows at run time', (dir) => {
    const allowed = allowedFor(dir);
    if (allowed === 'any') return;
    const { dependencies = {}, peerDependencies = {} } = manifest(dir);
    const declared = Object.keys({ ...dependencies, ...peerDependencies }).filter((name) => name.startsWith('@lateral/'));
    expect(declared.filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it("core's package.json lists no plugin package and no plugin's client library", () => {
    const coreDependencies = Object.keys(manifest('core').dependencies ?? {});
    expect(coreDependencies.filter((name) => /^@lateral\/(provider|connector|function)-/.test(name))).toEqual([]);
    // A client library a plugin package declares (an SDK, a signer, a model runtime) stays there.
    // undici is the HTTP client of spec's sendHttp and the kernel's own HTTP, so it may be shared.
    const SHARED = new Set(['undici']);
    const pluginDependencies = new Set(
      PACKAGES.filter((dir) => /^(provider|connector|function)-/.test(dir)).flatMap((dir) => Object.keys(manifest(dir).dependencies ?? {})),
    );
    expect(coreDependencies.filter((name) => pluginDependencies.has(name) && !SHARED.has(name))).toEqual([]);
  });

  it('core names no provider by id in its logic', () => {
    const hits: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'packages/core/src'))) {
      const text = readFileSync(file, 'utf8');
      if (/providerId\s*[!=]==/.test(text)) hits.push(relative(ROOT, file));
    }
    expect(hits).toEqual([]);
  });
});
