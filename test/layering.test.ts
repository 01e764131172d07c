import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The packages form layers (docs/architecture.md, Packages): `@lateral/spec` holds the contracts
 * and depends on no other Lateral package; the parser sits on spec; provider and connector
 * packages see only spec (and provider-utils) — a connector package may also use the connector kit
 * core exports (connectors/connector-kit.ts: row codecs, readers, the data-dir write lock), and
 * nothing else of core, a known gap documented in docs/architecture.md; the kernel (`@lateral/core`) sees spec and the
 * parser and names no plugin package; the CLI (the host) may use anything. A source import that
 * crosses a layer fails here, so a provider cannot quietly come to depend on the kernel again.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((name) => existsSync(join(ROOT, 'packages', name, 'package.json')));

function allowedFor(dir: string): readonly string[] | 'any' {
  if (dir === 'spec') return [];
  if (dir === 'parser') return ['@lateral/spec'];
  if (dir === 'provider-utils') return ['@lateral/spec'];
  if (dir.startsWith('connector-')) return ['@lateral/spec', '@lateral/provider-utils', '@lateral/core'];
  if (dir.startsWith('provider-') || dir.startsWith('function-')) {
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

/** The names a file imports from `specifier` (`import { a, type B as C } from ...`), or '*' for a namespace or default import. */
function namedImportsFrom(text: string, specifier: string): string[] {
  const names: string[] = [];
  const pattern = new RegExp(`\\b(?:import|export)\\s+(?:type\\s+)?([^;]*?)\\s+from\\s+['"]${specifier.replace(/[/]/g, '\\/')}['"]`, 'g');
  for (const match of text.matchAll(pattern)) {
    const clause = match[1]!;
    const braces = /\{([^}]*)\}/.exec(clause);
    if (!braces || /^[^{]*[\w*]/.test(clause.replace(/^type\s+/, '').split('{')[0]!.trim())) names.push('*');
    for (const part of braces?.[1]?.split(',') ?? []) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** The names a module exports (`export { a, type B } from ...`, `export function c`, ...). */
function exportedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\bexport\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim();
      if (name) names.push(name);
    }
  }
  for (const match of text.matchAll(/\bexport\s+(?:async\s+)?(?:function|const|class|interface|type)\s+(\w+)/g)) names.push(match[1]!);
  return names;
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

  it('reads the names a file imports from a package, and what a module exports', () => {
    const text = "import { a, type B as C } from '@lateral/core';\nimport type { D } from '@lateral/core';\nimport * as all from '@lateral/core';\nimport { e } from '@lateral/spec';";
    expect(namedImportsFrom(text, '@lateral/core')).toEqual(['a', 'B', 'D', '*']);
    expect(exportedNames("export { x, type Y as Z } from './m.js';\nexport function w() {}")).toEqual(['x', 'Z', 'w']);
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

  it.each(PACKAGES.filter((dir) => dir.startsWith('connector-')))('packages/%s takes only the connector kit from @lateral/core', (dir) => {
    const kit = new Set(exportedNames(readFileSync(join(ROOT, 'packages/core/src/connectors/connector-kit.ts'), 'utf8')));
    const outside: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'packages', dir, 'src'))) {
      for (const name of namedImportsFrom(readFileSync(file, 'utf8'), '@lateral/core')) {
        if (!kit.has(name)) outside.push(`${relative(ROOT, file)} imports ${name} from @lateral/core`);
      }
    }
    expect(outside).toEqual([]);
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
