import { HttpStatus, Injectable } from '@nestjs/common';
import { Problem } from '../http/problem';
import { Clock } from '../time/clock';
import { StaffPeopleRepository, StaffPersonRow as PersonRow } from './staff-people.repository';
import { StaffClaims, StaffUser } from './staff-user';
import { UUID } from '../http/uuid.pipe';

/**
 * Every member of staff is a person in the directory (issue 16): the audit trail, the chair of a meeting and its
 * booker are all `people` rows. A verified token is matched to its person here:
 * - a local token (`npm run token`) names its person by `sub`, or by `email` (the professional with that email);
 *   with neither found, the person is created on first use with the token's id, name and email;
 * - an identity provider's token by its stable subject (`issuer#sub`); on first sign-in it binds the professional
 *   with the same email only when the provider says the email is verified, and otherwise creates a new person.
 * The roles are the token's: they say what the bearer may do today, the person says who they are.
 */
@Injectable()
export class StaffPeople {
  constructor(
    private readonly people: StaffPeopleRepository,
    private readonly clock: Clock,
  ) {}

  async userFor(claims: StaffClaims): Promise<StaffUser> {
    const person = claims.issuer === 'local' ? await this.localPerson(claims) : await this.providerPerson(claims);
    // A family member's id in a token is not a member of staff.
    if (person.kind !== 'PROFESSIONAL')
      throw new Problem(HttpStatus.UNAUTHORIZED, 'This token does not name a member of staff');
    return { id: person.id, name: person.name, email: person.email, roles: claims.roles };
  }

  private async localPerson(claims: StaffClaims): Promise<PersonRow> {
    if (!UUID.test(claims.subject)) throw new Problem(HttpStatus.UNAUTHORIZED, 'This token does not name a person');
    const found = await this.people.byIdOrProfessionalEmail(claims.subject, claims.email);
    return found ?? this.create(claims, claims.subject, null);
  }

  private async providerPerson(claims: StaffClaims): Promise<PersonRow> {
    const subject = `${claims.issuer}#${claims.subject}`;
    const bound = await this.people.bySubject(subject);
    if (bound) return bound;
    if (claims.email && claims.emailVerified) {
      const linked = await this.people.bindProfessionalByEmail(subject, claims.email, this.clock.now());
      if (linked) return linked;
    }
    return this.create(claims, null, subject);
  }

  /** A new professional for a first sign-in; two first requests at once end with the same person. */
  private async create(claims: StaffClaims, id: string | null, subject: string | null): Promise<PersonRow> {
    const name = claims.name?.trim() || claims.email || 'Member of staff';
    await this.people.createProfessional({ id, name, email: claims.email, role: claims.roles[0], subject });
    return this.people.byIdOrSubject(id, subject);
  }
}
