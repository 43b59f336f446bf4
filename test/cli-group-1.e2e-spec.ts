/**
 * The command-line tools (`npm run user`, `npm run token`) and `npm start`, each spawned as its own process: run
 * once, in the first pass (test/time-travel.js says why).
 *
 * A group of end-to-end suites in one jest file. Jest evaluates the app's whole module graph afresh for every test
 * file (about 2.4 s of CPU each), so the suites (`*.e2e-suite.ts`, one per subject) run in a few groups instead of one
 * file each: the same tests, a fraction of the loading. The groups are balanced by duration for two workers;
 * `test/suites.e2e-spec.ts` fails if a suite is in no group or in two. Run one suite with
 * `npx jest test/cli-group-1.e2e-spec.ts -t '<its describe>'`.
 */
import './npm-start.e2e-suite';
import './token-cli.e2e-suite';
import './user-cli.e2e-suite';
