import type { CaseKind } from '../cases/case.entity';
import type { CreateCaseDto, UpdateCaseDto } from '../cases/cases.dto';
import { dateInput } from './list-filters';

/**
 * The "Add a case" and "Change a case" forms as the browser sends them: each date a GOV.UK date input
 * (`dateOfBirth-day`, `-month`, `-year`), read into the API's own bodies. Pure, so each rule is a unit test; the
 * service checks the dates against each other (an end before its start) and the page puts that beside the field.
 */

export type CaseFields = Record<string, string | undefined>;

export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  CHILD: 'Child',
  ADULT_VICTIM: 'Adult victim (MARAC)',
};

/** The dates of a case, in the order shown, with what each one starts or stops. */
export const CASE_DATES = [
  { name: 'dateOfBirth', legend: 'Date of birth', onCreate: true },
  { name: 'enteredCareOn', legend: 'Date the child became looked after', onCreate: true },
  { name: 'ceasedLookedAfterOn', legend: 'Date the child stopped being looked after', onCreate: false },
  { name: 'cpPlanStartedOn', legend: 'Date the child protection plan started', onCreate: true },
  { name: 'cpPlanEndedOn', legend: 'Date the child protection plan ended', onCreate: false },
  { name: 'ploLetterOn', legend: 'Date the letter before proceedings was sent', onCreate: false },
] as const;

export type CaseDateName = (typeof CASE_DATES)[number]['name'];

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/;

/** Each date's field names, for carrying the form's values back into it. */
export function caseFields(): string[] {
  return [
    'reference',
    'kind',
    'subjectInitials',
    ...CASE_DATES.flatMap((d) => [`${d.name}-day`, `${d.name}-month`, `${d.name}-year`]),
  ];
}

function readDates(
  value: (name: string) => string,
  names: readonly CaseDateName[],
  errors: Record<string, string>,
): Partial<Record<CaseDateName, string | null>> {
  const dates: Partial<Record<CaseDateName, string | null>> = {};
  for (const date of CASE_DATES.filter((d) => names.includes(d.name))) {
    const read = dateInput(value(`${date.name}-day`), value(`${date.name}-month`), value(`${date.name}-year`));
    if (read === null) errors[`${date.name}-day`] = `${date.legend} must be a real date, like 27 3 2019`;
    else dates[date.name] = read === '' ? null : read;
  }
  return dates;
}

function initialsError(initials: string): string | null {
  return initials.length > 10 || /[\r\n]/.test(initials) ? 'Initials must be 10 characters or fewer' : null;
}

export function readNewCase(fields: CaseFields): { input: CreateCaseDto | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: Record<string, string> = {};
  const reference = value('reference');
  if (!reference) errors.reference = 'Enter the case reference';
  else if (!REFERENCE.test(reference))
    errors.reference = 'The reference must be up to 40 letters, digits and / _ . - (like CR-2026-0142)';
  const kind = value('kind');
  if (kind !== 'CHILD' && kind !== 'ADULT_VICTIM') errors.kind = 'Choose whose case it is';
  const initials = value('subjectInitials');
  const bad = initialsError(initials);
  if (bad) errors.subjectInitials = bad;
  const dates = readDates(
    value,
    CASE_DATES.filter((d) => d.onCreate).map((d) => d.name),
    errors,
  );
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      reference,
      kind: kind as CaseKind,
      subjectInitials: initials || null,
      dateOfBirth: dates.dateOfBirth ?? null,
      enteredCareOn: dates.enteredCareOn ?? null,
      cpPlanStartedOn: dates.cpPlanStartedOn ?? null,
    },
    errors,
  };
}

/** A change: initials and every date are sent; an emptied date clears it. */
export function readCaseChange(fields: CaseFields): { input: UpdateCaseDto | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: Record<string, string> = {};
  const initials = value('subjectInitials');
  const bad = initialsError(initials);
  if (bad) errors.subjectInitials = bad;
  const dates = readDates(
    value,
    CASE_DATES.map((d) => d.name),
    errors,
  );
  if (Object.keys(errors).length) return { input: null, errors };
  return { input: { subjectInitials: initials || null, ...dates }, errors };
}

/** A stored date (YYYY-MM-DD) as the three boxes of its date input. */
export function dateBoxes(name: string, iso: string | null): Record<string, string> {
  const [year, month, day] = iso ? iso.split('-') : ['', '', ''];
  return {
    [`${name}-day`]: day ? String(Number(day)) : '',
    [`${name}-month`]: month ? String(Number(month)) : '',
    [`${name}-year`]: year ?? '',
  };
}

/** The form field an API error belongs beside: a date's day box, or the reference. */
export function fieldOfCaseError(field: string | undefined): string {
  if (field && CASE_DATES.some((d) => d.name === field)) return `${field}-day`;
  if (field === 'subjectInitials' || field === 'kind') return field;
  return 'reference';
}
