import {
  BookingFields,
  JOIN_FIELDS,
  MAX_PARTS,
  MAX_PEOPLE,
  PERSON_FIELDS,
  partCount,
  personCount,
} from './booking-form';

/**
 * "Add another part", "Remove this part", "Add another person", "Remove this person": buttons of the one form, each
 * a submit with its own `action`, so the server draws the form again with what was typed and no JavaScript is needed.
 * Pure: the fields in, the fields of the changed form out (null: not an edit).
 */

const PART_FIELDS = ['label', 'date-day', 'date-month', 'date-year', 'start', 'end', ...JOIN_FIELDS];

type Row = Record<string, string>;

export function applyEdit(fields: BookingFields, action: string): BookingFields | null {
  const edit = /^(add|remove)-(part|person)(?:-(\d+))?$/.exec(action);
  if (!edit) return null;
  const [, verb, what, at] = edit;
  const index = Number(at ?? -1);
  const value = (name: string) => fields[name] ?? '';
  const partTotal = partCount(fields);
  let parts: Row[] = Array.from({ length: partTotal }, (_, i) =>
    Object.fromEntries(PART_FIELDS.map((f) => [f, value(`s${i}-${f}`)])),
  );
  // Which parts each person attends, as a list that moves with the parts.
  let people = Array.from({ length: personCount(fields) }, (_, j) => ({
    fields: Object.fromEntries<string>(PERSON_FIELDS.map((f) => [f, value(`p${j}-${f}`)])),
    // With one part there are no boxes: whoever is chosen attends it, and still does once a second part is added.
    attends: parts.map((_, i) => (partTotal === 1 ? value(`p${j}-person`) !== '' : value(`p${j}-part-${i}`) === 'yes')),
  }));

  if (what === 'part' && verb === 'add' && parts.length < MAX_PARTS) {
    const last = parts[parts.length - 1];
    // Parts of one meeting are usually on one day: the new part starts on the day of the one before.
    parts = [
      ...parts,
      {
        ...blank(PART_FIELDS),
        'date-day': last['date-day'],
        'date-month': last['date-month'],
        'date-year': last['date-year'],
      },
    ];
    people = people.map((p) => ({ ...p, attends: [...p.attends, false] }));
  }
  if (what === 'part' && verb === 'remove' && parts.length > 1 && index < parts.length) {
    parts = parts.filter((_, i) => i !== index);
    people = people.map((p) => ({ ...p, attends: p.attends.filter((_, i) => i !== index) }));
  }
  if (what === 'person' && verb === 'add' && people.length < MAX_PEOPLE)
    people = [...people, { fields: blank(PERSON_FIELDS), attends: parts.map(() => false) }];
  if (what === 'person' && verb === 'remove' && people.length > 1 && index < people.length)
    people = people.filter((_, j) => j !== index);

  const kept = Object.fromEntries(
    Object.entries(fields).filter(([name]) => !/^[sp]\d+-/.test(name) && name !== 'parts' && name !== 'people'),
  );
  return {
    ...kept,
    parts: String(parts.length),
    people: String(people.length),
    ...Object.fromEntries(
      parts.flatMap((part, i) => PART_FIELDS.map((f): [string, string] => [`s${i}-${f}`, part[f]])),
    ),
    ...Object.fromEntries(
      people.flatMap((p, j): [string, string][] => [
        ...PERSON_FIELDS.map((f): [string, string] => [`p${j}-${f}`, p.fields[f]]),
        ...(parts.length > 1 ? p.attends.map((yes, i): [string, string] => [`p${j}-part-${i}`, yes ? 'yes' : '']) : []),
      ]),
    ),
  };
}

function blank(names: string[]): Row {
  return Object.fromEntries(names.map((n) => [n, '']));
}
