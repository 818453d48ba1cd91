import { describe, expect, it } from 'vitest';
import { londonDateOf, renderCalendarInvite } from './calendar-invite.ts';

describe('renderCalendarInvite', () => {
  it('opens on the London day, in BST as in GMT', () => {
    // 23:30 UTC on 10 April is 00:30 on 11 April in London (BST).
    expect(londonDateOf(new Date('2025-04-10T23:30:00Z'))).toEqual([2025, 4, 11]);
    const ics = renderCalendarInvite({
      uid: 'timer-1@ppda-engine',
      title: 'PPDA-25-7KQ3XW: Suspension review',
      description: 'review for case PPDA-25-7KQ3XW (suspension.review)',
      on: { day: new Date('2025-04-11T22:59:59.999Z') },
      stamp: new Date('2025-04-01T09:00:00Z'),
    });
    expect(ics).toContain('DTSTART;VALUE=DATE:20250411');
    expect(ics).toContain('DTEND;VALUE=DATE:20250412');
    expect(ics).toContain('UID:timer-1@ppda-engine');
    expect(ics).toContain('METHOD:PUBLISH');
  });

  it('writes an exact instant in UTC', () => {
    const ics = renderCalendarInvite({
      uid: 'u',
      title: 't',
      description: 'd',
      on: { at: new Date('2025-06-03T09:00:00Z'), minutes: 60 },
      stamp: new Date('2025-04-01T09:00:00Z'),
    });
    expect(ics).toContain('DTSTART:20250603T090000Z');
    expect(ics).toContain('DURATION:PT60M');
  });

  it('stamps the entry with the time it is given, not the wall clock (DTSTAMP)', () => {
    // Years ahead of any wall clock this runs under: a virtual clock's now.
    const ics = renderCalendarInvite({
      uid: 'u',
      title: 't',
      description: 'd',
      on: { day: new Date('2031-02-10T12:00:00Z') },
      stamp: new Date('2031-01-06T08:00:00Z'),
    });
    expect(ics).toContain('\r\nDTSTAMP:20310106T080000Z\r\n');
  });
});
