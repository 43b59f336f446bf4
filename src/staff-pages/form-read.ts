/** Reading a urlencoded form's values (pure): one value, several, yes/no, a code from a list, a GOV.UK date. */

import { dateInput } from './list-filters';

export type FormValues = Record<string, string | string[] | undefined>;

export const one = (values: FormValues, name: string): string => {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
};
export const many = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);
};
export const yesNo = (value: string): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;
export const oneOf = <T extends string>(codes: readonly T[], value: string): T | undefined =>
  (codes as readonly string[]).includes(value) ? (value as T) : undefined;
/** A date input `name-day`, `-month`, `-year`: '' when left empty, null when not a real date. */
export const dateOf = (values: FormValues, name: string): string | null =>
  dateInput(one(values, `${name}-day`), one(values, `${name}-month`), one(values, `${name}-year`));
/** A date as the three inputs show it. */
export function dateValues(values: FormValues, name: string, iso: string | undefined): void {
  const [year, month, day] = (iso ?? '').split('-');
  values[`${name}-day`] = day ? String(Number(day)) : '';
  values[`${name}-month`] = month ? String(Number(month)) : '';
  values[`${name}-year`] = year ?? '';
}
