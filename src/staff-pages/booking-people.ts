import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access-policy';
import { StaffUser } from '../auth/staff-user';
import { UUID } from '../http/uuid.pipe';
import { BookingFields, personCount } from './booking-form';
import { PeopleAndCasesRepository, SEARCH_LIMIT } from './people-and-cases.repository';
import { PersonName, StaffPagesRepository } from './staff-pages.repository';

/** A directory this small is offered whole in every select; a larger one is searched by name, row by row. */
export const WHOLE_DIRECTORY = 200;

/** The people one select of the booking form offers, and what to tell the person about them. */
export interface PersonChoices {
  options: PersonName[];
  hint: string | null;
}

/**
 * Whom the booking form's selects offer (the chair, and each person's row). A council's directory holds thousands of
 * people, so beyond WHOLE_DIRECTORY the form offers, per select, the people whose name matches what was typed in its
 * "Find" field (the access policy's people only) and whoever is already chosen; with JavaScript off, "Find" is a
 * button of the one form that draws it again.
 */
@Injectable()
export class BookingPeople {
  constructor(
    private readonly staffPages: StaffPagesRepository,
    private readonly directory: PeopleAndCasesRepository,
    private readonly access: AccessPolicy,
  ) {}

  async forForm(user: StaffUser, fields: BookingFields): Promise<{ chair: PersonChoices; rows: PersonChoices[] }> {
    const visible = this.access.visiblePeople(user, 'p', 1);
    const everyone = await this.staffPages.people(visible, WHOLE_DIRECTORY + 1);
    const whole = everyone.length <= WHOLE_DIRECTORY;
    const selects = [
      { find: fields.chairFind ?? '', chosen: fields.chairId ?? '' },
      ...Array.from({ length: personCount(fields) }, (_, j) => ({
        find: fields[`p${j}-find`] ?? '',
        chosen: fields[`p${j}-person`] ?? '',
      })),
    ];
    // Whoever is chosen stays offered, if the person may see them (a posted id of anyone else shows nothing).
    const ids = selects.map((s) => s.chosen).filter((id) => UUID.test(id));
    const chosen = new Map((await this.staffPages.peopleAmong(ids, visible)).map((p) => [p.id, p]));
    const choices = await Promise.all(
      selects.map(async ({ find, chosen: id }): Promise<PersonChoices> => {
        const term = find.trim().slice(0, 100);
        const found = term ? (await this.directory.people(term, visible)).rows : whole ? everyone : [];
        const current = chosen.get(id);
        const options = current && !found.some((p) => p.id === id) ? [current, ...found] : found;
        return { options, hint: hintFor(term, found.length, whole) };
      }),
    );
    const [chair, ...rows] = choices;
    return { chair, rows };
  }
}

function hintFor(term: string, found: number, whole: boolean): string | null {
  if (term && found === 0) return `No one you may invite has a name containing “${term}”.`;
  if (term && found >= SEARCH_LIMIT)
    return `The first ${SEARCH_LIMIT} names containing “${term}”: type more of the name to find fewer.`;
  if (!term && !whole) return 'Type part of the name and choose Find.';
  return null;
}
