/**
 * A group of end-to-end suites in one jest file. Jest evaluates the app's whole module graph afresh for every test
 * file (about 2.4 s of CPU each), so the suites (`*.e2e-suite.ts`, one per subject) run in a few groups instead of one
 * file each: the same tests, a fraction of the loading. The groups are balanced by duration for two workers;
 * `test/suites.e2e-spec.ts` fails if a suite is in no group or in two. Run one suite with
 * `npx jest test/browser-group-1.e2e-spec.ts -t '<its describe>'`.
 */
import './browser.e2e-suite';
import './people-and-cases-browser.e2e-suite';
import './record-pages-2-browser.e2e-suite';
