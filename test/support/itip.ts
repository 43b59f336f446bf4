import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * libical's iTIP check (RFC 5546 restrictions per METHOD), run by `itip_check.py` (a copy of ../shared/tools'
 * checker, so a clean checkout has it) with a python3 that has the GObject bindings (Debian: python3-gi and
 * gir1.2-ical-3.0, installed by .ci/run). Independent of our code and of ical.js.
 */
const CHECKER = path.join(__dirname, 'itip_check.py');

let found: string | null | undefined;

/** A python3 on PATH (or Debian's) that can load libical's bindings, or null. */
export function libicalPython(): string | null {
  if (found !== undefined) return found;
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'python3')),
    '/usr/bin/python3',
  ];
  found = null;
  for (const python of candidates) {
    if (!existsSync(python)) continue;
    const probe = spawnSync(
      python,
      ['-c', 'import gi; gi.require_version("ICalGLib", "3.0"); from gi.repository import ICalGLib'],
      { stdio: 'ignore' },
    );
    if (probe.status === 0) {
      found = python;
      break;
    }
  }
  return found;
}

export const LIBICAL_MISSING =
  'libical for Python is not installed (apt-get install -y python3-gi gir1.2-ical-3.0): the iTIP check is skipped';

/** Runs the check over .ics / .eml files: `ok` when every calendar passed (and there was at least one). */
export function itipCheck(files: string[]): { ok: boolean; output: string } {
  const python = libicalPython();
  if (!python) throw new Error(LIBICAL_MISSING);
  const run = spawnSync(python, [CHECKER, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

let collected = 0;

/**
 * Keeps a calendar object an e2e suite produced (an email, a feed, an invite.ics) for the whole run's libical check
 * (global-teardown.ts), when global-setup.ts has named a folder for them.
 */
export function collectCalendar(text: string, extension: 'ics' | 'eml'): void {
  const dir = process.env.QUORUM_ITIP_DIR;
  if (!dir || !existsSync(dir)) return;
  collected += 1;
  writeFileSync(path.join(dir, `${process.pid}-${collected}.${extension}`), text);
}
