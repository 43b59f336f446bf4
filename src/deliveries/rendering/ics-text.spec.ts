import fc from 'fast-check';
import ical, {
  foldLines as icalGeneratorFold,
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
} from 'ical-generator';
import { calendarText, foldLines } from './ics-text';

describe('ics-text', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ maxLength: 400 }),
  );

  it('folds exactly as ical-generator does, for any text (ASCII, multi-byte, astral, lone surrogates, CRLFs)', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), (parts) => {
        const input = parts.join('\r\n');
        expect(foldLines(input)).toBe(icalGeneratorFold(input));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same calendar as calendar.toString()', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ summary: text, description: text, location: fc.option(text), cancelled: fc.boolean() }), {
          maxLength: 12,
        }),
        fc.boolean(),
        (events, named) => {
          const calendar = ical({
            prodId: '//Quorum//Safeguarding Meetings//EN',
            ...(named ? { name: 'Safeguarding meetings' } : {}),
            method: ICalCalendarMethod.PUBLISH,
          });
          events.forEach((e, i) =>
            calendar.createEvent({
              id: `uid-${i}@quorum.test`,
              sequence: i,
              stamp: new Date(Date.UTC(2026, 10, 1, 9, i)),
              start: new Date(Date.UTC(2027, 0, 4, 10, i)),
              end: new Date(Date.UTC(2027, 0, 4, 11, i)),
              summary: e.summary,
              description: e.description,
              location: e.location,
              status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
              class: ICalEventClass.PRIVATE,
            }),
          );
          expect(calendarText(calendar)).toBe(calendar.toString());
        },
      ),
      { numRuns: 200 },
    );
  });
});
