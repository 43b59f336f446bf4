/**
 * The suites whose subject is who may see and do what, what is refused, and how the API and pages are shaped: run
 * once, in the first pass (test/time-travel.js says why).
 *
 * A group of end-to-end suites in one jest file. Jest evaluates the app's whole module graph afresh for every test
 * file (about 2.4 s of CPU each), so the suites (`*.e2e-suite.ts`, one per subject) run in a few groups instead of one
 * file each: the same tests, a fraction of the loading. The groups are balanced by duration for two workers;
 * `test/suites.e2e-spec.ts` fails if a suite is in no group or in two. Run one suite with
 * `npx jest test/shape-group-1.e2e-spec.ts -t '<its describe>'`.
 */
import './access-matrix.e2e-suite';
import './access-routes.e2e-suite';
import './assets-and-labels.e2e-suite';
import './bad-input.e2e-suite';
import './foundation.e2e-suite';
import './local-quorum.e2e-suite';
import './meeting-list-queries.e2e-suite';
import './people-and-cases-pages.e2e-suite';
import './staff-people.e2e-suite';
import './trust.e2e-suite';
import './uninvite-wording.e2e-suite';
