import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The end-to-end suites run in groups (see test/e2e-group-1.e2e-spec.ts for why): a suite that no group imports would
 * never run, and one imported twice would run twice. Each `*.e2e-suite.ts` is in exactly one group.
 */
describe('the end-to-end suites', () => {
  it('are each imported by exactly one group', () => {
    const dir = __dirname;
    const suites = readdirSync(dir)
      .filter((f) => f.endsWith('.e2e-suite.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    const groups = readdirSync(dir).filter((f) => /-group-\d+\.e2e-spec\.ts$/.test(f));
    const imported = groups.flatMap((g) =>
      [...readFileSync(path.join(dir, g), 'utf8').matchAll(/^import '\.\/([\w-]+\.e2e-suite)';$/gm)].map((m) => m[1]),
    );
    expect(suites.length).toBeGreaterThan(40);
    expect([...imported].sort()).toEqual([...suites].sort());
  });
});
