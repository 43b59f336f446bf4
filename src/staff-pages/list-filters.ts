import { DateTime } from 'luxon';
import { MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';

/** The "Meetings" page's query string, as a browser sends the filter form: every value a string, maybe absent. */
export type ListQuery = Record<string, string | string[] | undefined>;

export interface ListFilters {
  type?: MeetingType;
  from?: string;
  to?: string;
  caseReference?: string;
  page: number;
}

export const PAGE_SIZE = 20;

function one(query: ListQuery, key: string): string {
  const value = query[key];
  return (Array.isArray(value) ? value[0] : (value ?? '')).trim();
}

/** A GOV.UK date input (day, month, year) as `YYYY-MM-DD`; '' when left empty; null when it is not a real date. */
export function dateInput(day: string, month: string, year: string): string | null {
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const date = DateTime.fromObject(
    { year: Number(year), month: Number(month), day: Number(day) },
    { zone: 'Europe/London' },
  );
  return date.isValid ? date.toISODate() : null;
}

/** The filters a person chose, and each one that cannot be read, by field (for the error summary). */
export function listFilters(query: ListQuery): { filters: ListFilters; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const filters: ListFilters = { page: 1 };
  const type = one(query, 'type');
  if (type) {
    if ((MEETING_TYPES as readonly string[]).includes(type)) filters.type = type as MeetingType;
    else errors.type = 'Choose a meeting type from the list';
  }
  for (const edge of ['from', 'to'] as const) {
    const date = dateInput(one(query, `${edge}-day`), one(query, `${edge}-month`), one(query, `${edge}-year`));
    if (date === null)
      errors[`${edge}-day`] = `The ${edge === 'from' ? '"from"' : '"to"'} date must be a real date, like 27 3 2027`;
    else if (date) filters[edge] = date;
  }
  if (filters.from && filters.to && filters.from > filters.to)
    errors['to-day'] = 'The "to" date must be the same as or after the "from" date';
  const reference = one(query, 'case');
  if (reference.length > 100) errors.case = 'A case reference is 100 characters or fewer';
  else if (reference) filters.caseReference = reference;
  const page = Number(one(query, 'page') || '1');
  filters.page = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
  return { filters, errors };
}

/** The query string of these filters on another page: what the pagination links carry. */
export function pageHref(query: ListQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['type', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'case']) {
    const value = one(query, key);
    if (value) params.set(key, value);
  }
  params.set('page', String(page));
  return `/meetings?${params.toString()}`;
}
