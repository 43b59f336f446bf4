/**
 * A group of end-to-end suites in one jest file. Jest evaluates the app's whole module graph afresh for every test
 * file (about 2.4 s of CPU each), so the suites (`*.e2e-suite.ts`, one per subject) run in a few groups instead of one
 * file each: the same tests, a fraction of the loading. The groups are balanced by duration for two workers;
 * `test/suites.e2e-spec.ts` fails if a suite is in no group or in two. Run one suite with
 * `npx jest test/e2e-group-6.e2e-spec.ts -t '<its describe>'`.
 */
import './bad-values.e2e-suite';
import './family-page.e2e-suite';
import './invitations.e2e-suite';
import './marac-report.e2e-suite';
import './report-facts.e2e-suite';
import './sms.e2e-suite';
import './staff-lists.e2e-suite';
import './staff-pages.e2e-suite';
