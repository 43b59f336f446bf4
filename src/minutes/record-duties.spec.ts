import { amendmentProblem, approvalProblem, recordKeeperProblem } from './record-duties';

const person = (id: string, ...roles: string[]) => ({ id, name: null, email: null, roles: roles as never[] });

describe('who keeps, approves and amends the record', () => {
  it('lets the chair and the minute-taker they named write it, and nobody else', () => {
    const meeting = { chairId: 'chair', minuteTakerId: 'taker' };
    expect(recordKeeperProblem(person('chair', 'CHAIR'), meeting)).toBeNull();
    expect(recordKeeperProblem(person('taker', 'SOCIAL_WORKER'), meeting)).toBeNull();
    expect(recordKeeperProblem(person('other', 'CHAIR'), meeting)).toMatch(/Only the chair/);
    expect(recordKeeperProblem(person('other', 'ADMIN'), { chairId: 'chair', minuteTakerId: null })).toMatch(
      /Only the chair/,
    );
  });

  it('needs the approver role and a person other than the author or an amender', () => {
    expect(approvalProblem(person('iro-2', 'IRO'), ['IRO'], ['iro-1'])).toBeNull();
    expect(approvalProblem(person('iro-1', 'IRO'), ['IRO'], ['iro-1'])).toMatch(/someone other/);
    expect(approvalProblem(person('chair', 'CHAIR'), ['IRO'], ['iro-1'])).toMatch(/approved by IRO/);
    expect(approvalProblem(person('iro-2', 'IRO'), ['IRO'], ['iro-1', 'iro-2'])).toMatch(/someone other/);
  });

  it('lets only the approver role amend an approved record', () => {
    expect(amendmentProblem(person('sw', 'SOCIAL_WORKER'), ['CHAIR'])).toMatch(/amended by CHAIR/);
    expect(amendmentProblem(person('c', 'CHAIR'), ['CHAIR'])).toBeNull();
  });
});
