import { meetingTypeRules } from '../meeting-types/meeting-types';
import { may, mayBook, relationsTo, visibility } from './meeting-access';

const rules = meetingTypeRules();
const none = { isChair: false, isBooker: false, isInvited: false };

describe('who may see and change a meeting', () => {
  it('lets the chair, the booker, the staff invited and the coordinators of the type see a conference', () => {
    const icpc = rules.ICPC.access;
    for (const facts of [
      { ...none, isChair: true },
      { ...none, isBooker: true },
      { ...none, isInvited: true },
    ]) {
      expect(may(icpc, 'see', relationsTo(icpc, ['VIEWER'], facts))).toBe(true);
    }
    expect(may(icpc, 'see', relationsTo(icpc, ['COORDINATOR'], none))).toBe(true);
    expect(may(icpc, 'see', relationsTo(icpc, ['ADMIN'], none))).toBe(true);
    for (const role of ['CHAIR', 'IRO', 'SOCIAL_WORKER', 'VIEWER', 'MARAC_COORDINATOR'] as const) {
      expect(may(icpc, 'see', relationsTo(icpc, [role], none))).toBe(false);
    }
  });

  it('lets staff invited see a meeting but not change it', () => {
    const review = rules.LAC_REVIEW.access;
    const invited = relationsTo(review, ['IRO'], { ...none, isInvited: true });
    expect(may(review, 'see', invited)).toBe(true);
    expect(may(review, 'change', invited)).toBe(false);
    expect(may(review, 'change', relationsTo(review, ['IRO'], { ...none, isChair: true }))).toBe(true);
  });

  it('keeps MARAC a compartment: its coordinators and its own participants only', () => {
    const marac = rules.MARAC.access;
    expect(may(marac, 'see', relationsTo(marac, ['COORDINATOR'], none))).toBe(false);
    expect(may(marac, 'see', relationsTo(marac, ['ADMIN'], none))).toBe(false);
    expect(may(marac, 'see', relationsTo(marac, ['MARAC_COORDINATOR'], none))).toBe(true);
    expect(may(marac, 'see', relationsTo(marac, ['VIEWER'], { ...none, isInvited: true }))).toBe(true);
    expect(mayBook(marac, ['COORDINATOR'])).toBe(false);
    expect(mayBook(marac, ['MARAC_COORDINATOR'])).toBe(true);
  });

  it('gives the SQL of lists the same answer', () => {
    const coordinator = visibility(rules, ['COORDINATOR']);
    expect(coordinator.everyMeetingOf).not.toContain('MARAC');
    expect(coordinator.everyMeetingOf).toEqual(
      expect.arrayContaining(['ICPC', 'LAC_REVIEW', 'STRATEGY', 'PLO', 'CORE_GROUP']),
    );
    expect(coordinator.everyCaseOf).toEqual(['CHILD']);
    expect(coordinator.everyFamilyMember).toBe(true);
    const marac = visibility(rules, ['MARAC_COORDINATOR']);
    expect(marac.everyMeetingOf).toEqual(['MARAC']);
    expect(marac.everyCaseOf).toEqual(expect.arrayContaining(['ADULT_VICTIM', 'CHILD']));
    expect(marac.everyFamilyMember).toBe(false);
    const viewer = visibility(rules, ['VIEWER']);
    expect(viewer.everyMeetingOf).toEqual([]);
    expect(viewer.asInvited).toContain('MARAC');
  });
});
