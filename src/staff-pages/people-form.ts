import type { CreatePersonDto, UpdatePersonDto } from '../directory/directory.dto';
import type { PersonKind } from '../directory/person.entity';
import { UUID } from '../http/uuid.pipe';

/**
 * The "Add a person" and "Change details" forms as the browser sends them, read into the API's own bodies. Pure, so
 * each rule is a unit test; the service still checks everything again (an agency that went away, a stale version).
 */

export type PersonFields = Record<string, string | undefined>;

export const PERSON_FIELDS = ['name', 'email', 'phone', 'agencyId', 'kind'] as const;

export const PERSON_KIND_LABELS: Readonly<Record<PersonKind, string>> = {
  PROFESSIONAL: 'Professional',
  FAMILY: 'Family member',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

function detailErrors(value: (name: string) => string, agencies: ReadonlySet<string>): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = value('name');
  if (!name) errors.name = 'Enter the person’s full name';
  else if (name.length > 200 || /[\r\n]/.test(name)) errors.name = 'The name must be 200 characters or fewer';
  const email = value('email');
  if (email && (!EMAIL.test(email) || email.length > 320))
    errors.email = 'Enter an email address in the correct format, like name@example.org';
  const phone = value('phone');
  if (phone && !PHONE.test(phone)) errors.phone = 'Enter a telephone number, like 01632 960 001 or +44 7700 900 982';
  const agencyId = value('agencyId');
  if (agencyId && (!UUID.test(agencyId) || !agencies.has(agencyId))) errors.agencyId = 'Choose an agency from the list';
  return errors;
}

export function readNewPerson(
  fields: PersonFields,
  agencies: ReadonlySet<string>,
): { input: CreatePersonDto | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors = detailErrors(value, agencies);
  const kind = value('kind');
  if (kind !== 'PROFESSIONAL' && kind !== 'FAMILY') errors.kind = 'Choose whether they are a professional or family';
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      name: value('name'),
      kind: kind as PersonKind,
      email: value('email') || null,
      phone: value('phone') || null,
      agencyId: value('agencyId') || null,
    },
    errors,
  };
}

/** A change: every field is sent, an emptied email, phone or agency clears it (the API's `null`). */
export function readPersonChange(
  fields: PersonFields,
  agencies: ReadonlySet<string>,
): { input: UpdatePersonDto | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors = detailErrors(value, agencies);
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      name: value('name'),
      email: value('email') || null,
      phone: value('phone') || null,
      agencyId: value('agencyId') || null,
    },
    errors,
  };
}

/** The form field an API error (`errors[].field`) belongs beside; anything else goes beside the name. */
export function fieldOfPersonError(field: string | undefined): string {
  return field && (PERSON_FIELDS as readonly string[]).includes(field) ? field : 'name';
}
