import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BankHolidayDivision, parseBankHolidayDivision, yearsCoveredBy } from './bank-holidays';

/**
 * Refreshes the shipped England and Wales list from gov.uk (DOMAIN.md §5: "fetch it regularly and cache it").
 *
 *   npx ts-node src/time/update-bank-holidays.ts
 *
 * Needs the network; tests never run it. Review the diff before committing: a new proclamation shows up as a
 * changed date.
 */
export const GOV_UK_BANK_HOLIDAYS_URL = 'https://www.gov.uk/bank-holidays.json';
export const SHIPPED_LIST_PATH = path.join(__dirname, 'bank-holidays.england-and-wales.json');

/**
 * The feed decides every year it lists. gov.uk drops old years and publishes only a few ahead, so the years it
 * no longer (or not yet) lists stay as they were rather than falling back to the rule engine.
 */
export function mergeBankHolidayLists(shipped: BankHolidayDivision, fetched: BankHolidayDivision): BankHolidayDivision {
  const fetchedYears = yearsCoveredBy(fetched);
  const kept = shipped.events.filter((event) => !fetchedYears.has(Number(event.date.slice(0, 4))));
  return {
    division: 'england-and-wales',
    events: [...kept, ...fetched.events].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

async function fetchEnglandAndWales(): Promise<BankHolidayDivision> {
  const response = await fetch(GOV_UK_BANK_HOLIDAYS_URL, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${GOV_UK_BANK_HOLIDAYS_URL} answered ${response.status} ${response.statusText}`);
  const body: unknown = await response.json();
  const division =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['england-and-wales'] : undefined;
  return parseBankHolidayDivision(division);
}

async function updateShippedList(): Promise<void> {
  const shipped = parseBankHolidayDivision(JSON.parse(readFileSync(SHIPPED_LIST_PATH, 'utf8')));
  const merged = mergeBankHolidayLists(shipped, await fetchEnglandAndWales());
  writeFileSync(SHIPPED_LIST_PATH, `${JSON.stringify(merged, null, 2)}\n`);
  const years = [...yearsCoveredBy(merged)].sort();
  process.stdout.write(
    `Wrote ${merged.events.length} bank holidays for ${years[0]}–${years.at(-1)} to ${SHIPPED_LIST_PATH}\n`,
  );
}

if (require.main === module) {
  updateShippedList().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
