import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The folder-level picture of DESIGN.md's data flow (shells → IPC → core → services → HTTP):
 * import-x/no-cycle (in lint) finds file cycles; this finds a folder importing a layer above it,
 * which file-level checks let through.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Higher imports lower, never the reverse; equal ranks may not import each other both ways. */
const RANK: Record<string, number> = {
  'main/app': 90,
  'main/browser-shell': 90,
  'main/launch': 85,
  'main/ipc': 80,
  'main/core': 70,
  'main/profiles': 60,
  'main/notes': 50,
  'main/outbox': 50,
  'main/emr/fhir': 40,
  'main/emr/openemr': 40,
  'main/emr/accuro': 40,
  'main/emr': 30,
  'main/emr/http': 25,
  'main/auth': 20,
  'main/store': 10,
  'main/shared': 0,
  common: 0,
};

function folderOf(path: string): string | undefined {
  const parts = relative(root, path).split('/');
  if (parts[0] === 'common') return 'common';
  if (parts[0] !== 'main' || parts.length < 3) return undefined;
  return parts[1] === 'emr' && parts.length > 3 ? `main/emr/${parts[2]}` : `main/${parts[1]}`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of [...sourceFiles(join(root, 'main')), ...sourceFiles(join(root, 'common'))]) {
    const from = folderOf(file);
    if (!from) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
      if (!specifier) continue;
      const to = folderOf(resolve(dirname(file), specifier));
      if (to && to !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
    }
  }
  return edges;
}

describe('the folder-level import graph', () => {
  const edges = folderEdges();

  it('knows every folder under main/', () => {
    expect([...edges.keys()].filter((folder) => RANK[folder] === undefined)).toEqual([]);
  });

  it('imports only downwards: shells → IPC → core → profiles → services → store → shared', () => {
    const upwards = [...edges].flatMap(([from, tos]) => [...tos].filter((to) => (RANK[to] ?? 0) > (RANK[from] ?? 0)).map((to) => `${from} -> ${to}`));
    expect(upwards).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      state.set(folder, 'open');
      for (const next of edges.get(folder) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), folder, next].join(' -> '));
        else if (!state.has(next)) visit(next, [...path, folder]);
      }
      state.set(folder, 'done');
    };
    for (const folder of edges.keys()) if (!state.has(folder)) visit(folder, []);
    expect(cycles).toEqual([]);
  });
});
