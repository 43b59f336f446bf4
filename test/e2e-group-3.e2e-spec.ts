/**
 * A group of end-to-end suites in one jest file. Jest evaluates the app's whole module graph afresh for every test
 * file (about 2.4 s of CPU each), so the suites (`*.e2e-suite.ts`, one per subject) run in a few groups instead of one
 * file each: the same tests, a fraction of the loading. The groups are balanced by duration for two workers;
 * `test/suites.e2e-spec.ts` fails if a suite is in no group or in two. Run one suite with
 * `npx jest test/e2e-group-3.e2e-spec.ts -t '<its describe>'`.
 */
import './booking-pages.e2e-suite';
import './prereads.e2e-suite';
import './sign-in.e2e-suite';
