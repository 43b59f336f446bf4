/**
 * A group of end-to-end suites in one jest file. Jest evaluates the app's whole module graph afresh for every test
 * file (about 2.4 s of CPU each), so the suites (`*.e2e-suite.ts`, one per subject) run in a few groups instead of one
 * file each: the same tests, a fraction of the loading. The groups are balanced by duration for two workers;
 * `test/suites.e2e-spec.ts` fails if a suite is in no group or in two. Run one suite with
 * `npx jest test/e2e-group-1.e2e-spec.ts -t '<its describe>'`.
 */
import './case-changes.e2e-suite';
import './joining-details.e2e-suite';
import './plo-and-due-dates.e2e-suite';
import './inbound-imap.e2e-suite';
import './record-letters.e2e-suite';
import './record-pages.e2e-suite';
