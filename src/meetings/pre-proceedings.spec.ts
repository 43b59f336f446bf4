import { preProceedings } from './pre-proceedings';

describe('the PLO pre-proceedings tracker', () => {
  it('counts 16 weeks from the letter before proceedings, week by week', () => {
    expect(
      preProceedings('2026-09-07', [{ heldOn: '2026-09-21', outcome: 'CONTINUE_PRE_PROCEEDINGS' }], '2026-11-23'),
    ).toEqual({
      letterOn: '2026-09-07',
      endsBy: '2026-12-28',
      week: 11,
      meetingsHeld: 1,
      ended: null,
      overdue: false,
    });
  });

  it('is overdue past 16 weeks with no decision, and ends at the meeting that issues or steps down', () => {
    expect(preProceedings('2026-06-01', [], '2026-11-23')?.overdue).toBe(true);
    const ended = preProceedings(
      '2026-06-01',
      [
        { heldOn: '2026-05-01', outcome: 'STEP_DOWN' },
        { heldOn: '2026-08-10', outcome: 'ISSUE_PROCEEDINGS' },
      ],
      '2026-11-23',
    );
    expect(ended).toMatchObject({
      ended: { on: '2026-08-10', outcome: 'ISSUE_PROCEEDINGS' },
      overdue: false,
      week: 10,
      meetingsHeld: 1,
    });
  });

  it('has nothing to track without a letter', () => {
    expect(preProceedings(null, [], '2026-11-23')).toBeNull();
  });
});
