import { renderCalendarInvite } from './calendar-invite.ts';
import type { TRenderedMail } from './clock-notice.ts';
import { formatLondon, formatLondonDay } from './london-time.ts';
import { renderMailHtml } from './mail-html.ts';

/** What a decision scheduled: an interview, a proposed alternative date, a pause's review. */
export interface TScheduledInviteInput {
  caseReference: string;
  /** `Interview`, `Alternative interview date proposed`, `Review of the paused investigation`. */
  what: string;
  /** Stable per case and kind, so a later date updates the same calendar entry. */
  uid: string;
  /** An exact instant (an interview at a time), or a whole London day (00:00 London given). */
  at: Date;
  /** Minutes an event at an exact time lasts. */
  minutes: number;
  recipientRole: string;
  caseUrl?: string;
  /** The engine's now: the invitation's DTSTAMP. */
  now: Date;
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A date given as London midnight is a day; any other time is that exact time. */
export function isWholeLondonDay(at: Date): boolean {
  return londonClock.format(at) === '00:00';
}

/**
 * The mail for a date a decision set (an interview, a meeting, a hearing, a review), with an
 * `invite.ics` opening on that date in Europe/London. No names: references and roles only.
 */
export function renderScheduledInvite(input: TScheduledInviteInput): TRenderedMail & {
  ics: string;
} {
  const wholeDay = isWholeLondonDay(input.at);
  const when = wholeDay ? formatLondonDay(input.at) : `${formatLondon(input.at)} (Europe/London)`;
  const subject = `${input.caseReference}: ${input.what} on ${formatLondonDay(input.at)}`;
  const action = `Put it in your calendar (the invitation is attached) and make sure the case is ready for it.`;
  const lines = [
    `Case ${input.caseReference}`,
    `${input.what}: ${when}`,
    '',
    `What you need to do: ${action}`,
    '',
    `You receive this as: ${input.recipientRole}`,
  ];
  if (input.caseUrl) lines.push('', `Open the case: ${input.caseUrl}`);
  const html = renderMailHtml({
    title: `${input.what}: ${when}`,
    sections: [
      { heading: 'What you need to do', paragraphs: [action] },
      {
        heading: `Case ${input.caseReference}`,
        facts: [
          ['When', when],
          ['You receive this as', input.recipientRole],
        ],
      },
    ],
    ...(input.caseUrl ? { action: { label: 'Open the case', href: input.caseUrl } } : {}),
  });
  const ics = renderCalendarInvite({
    uid: input.uid,
    title: `${input.caseReference}: ${input.what}`,
    description: `${input.what} for case ${input.caseReference}${input.caseUrl ? ` ${input.caseUrl}` : ''}`,
    ...(input.caseUrl ? { url: input.caseUrl } : {}),
    on: wholeDay ? { day: input.at } : { at: input.at, minutes: input.minutes },
    stamp: input.now,
  });
  return { subject, text: `${lines.join('\n')}\n`, html, ics };
}
