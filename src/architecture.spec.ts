import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * No import cycle between the folders of src (issue 19): each folder may build on folders below it, never on one
 * that builds on it, so that a folder can be read, tested and changed knowing only what is below it. `madge
 * --circular` (npm run lint) checks files; this checks folders, where a cycle hides as two files that each look fine.
 * Type-only imports count: they couple the folders' meaning as much as any other. The files at the top of src
 * (main.ts, app.module.ts, app.factory.ts) are the composition root: they import every folder, and no folder imports
 * them.
 */
const SRC = __dirname;

/**
 * Folder edges allowed although they close a cycle, each with why ("from -> to"). Empty: keep it so. An entry here is
 * a debt, to be paid by moving the shared piece to the folder that owns it or below both.
 */
const ALLOWED_CYCLE_EDGES: Record<string, string> = {};

type Edges = Map<string, Map<string, string[]>>;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Every relative module a file names: `import … from`, `export … from`, `import(…)`, `require(…)`, `jest.mock(…)`. */
function relativeImports(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;
  for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** The top folder of src a path is in, or null for the composition root (a file directly in src). */
function folderOf(file: string): string | null {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : null;
}

/** folder → folder it imports → the imports that make the edge (file: specifier). */
function folderGraph(files: string[]): { edges: Edges; rootImports: string[] } {
  const edges: Edges = new Map();
  const rootImports: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    if (from === null) continue;
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = folderOf(target);
      const where = `${path.relative(SRC, file)}: ${specifier}`;
      if (to === null) rootImports.push(where);
      else if (to !== from) {
        const targets = edges.get(from) ?? new Map<string, string[]>();
        edges.set(from, targets);
        targets.set(to, [...(targets.get(to) ?? []), where]);
      }
    }
  }
  return { edges, rootImports };
}

/** The strongly connected groups of more than one folder (Tarjan): each is a cycle, or several sharing folders. */
function cycles(edges: Map<string, Iterable<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return groups;
}

describe('the folders of src', () => {
  const { edges, rootImports } = folderGraph(sourceFiles(SRC));

  it('import one another without a cycle (allowed edges aside)', () => {
    const kept = new Map<string, string[]>();
    for (const [from, targets] of edges)
      kept.set(
        from,
        [...targets.keys()].filter((to) => !(`${from} -> ${to}` in ALLOWED_CYCLE_EDGES)),
      );
    const found = cycles(kept).map((group) => {
      const inside = group.flatMap((from) =>
        [...(edges.get(from) ?? new Map<string, string[]>())]
          .filter(([to]) => group.includes(to) && !(`${from} -> ${to}` in ALLOWED_CYCLE_EDGES))
          .map(([to, where]) => `  ${from} -> ${to} (${where.join('; ')})`),
      );
      return `${group.join(', ')}:\n${inside.join('\n')}`;
    });
    expect(found).toEqual([]);
  });

  it('allow no edge that is not there, or that closes no cycle', () => {
    for (const edge of Object.keys(ALLOWED_CYCLE_EDGES)) {
      const [from, to] = edge.split(' -> ');
      expect(edges.get(from)?.has(to)).toBe(true);
      // The edge is only allowed while the way back exists.
      expect(
        cycles(new Map([...edges].map(([node, targets]) => [node, targets.keys()]))).some(
          (group) => group.includes(from) && group.includes(to),
        ),
      ).toBe(true);
    }
  });

  it('leave the composition root (main.ts, app.module.ts, app.factory.ts) to import them', () => {
    expect(rootImports).toEqual([]);
  });

  it('were read: the graph has the edges every feature has', () => {
    // A reader that found no imports would find no cycle either.
    expect(edges.get('meetings')?.has('meeting-types')).toBe(true);
    expect(edges.get('participant-links')?.has('meetings')).toBe(true);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle through three folders, and none in a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads every spelling of a relative import', () => {
    const source = [
      "import { A } from '../a/a';",
      "import type { B } from '../b/b';",
      "export { C } from './c';",
      "import '../d/side-effect';",
      "const e = await import('../e/e');",
      "import { F } from '@nestjs/common';",
      'import {\n  G,\n} from "../g/g";',
    ].join('\n');
    expect(relativeImports(source)).toEqual(['../a/a', '../b/b', './c', '../d/side-effect', '../e/e', '../g/g']);
  });
});

/** Data tables, which read as one table and would only be harder to check split: the rules of each meeting type. */
const LONG_DATA_TABLES = ['meeting-types/meeting-types.ts'];
const MAX_LINES = 300;

describe('the size of each source file', () => {
  it(`keeps every file in src under ${MAX_LINES} lines, except the data tables`, () => {
    const long = sourceFiles(SRC)
      .filter((file) => !file.endsWith('.spec.ts'))
      .map((file) => ({ file: path.relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ file, lines }) => lines > MAX_LINES && !LONG_DATA_TABLES.includes(file));
    expect(long).toEqual([]);
  });
});
