import { describe, expect, it } from 'vitest';
import { formatLondon, renderClockNotice, type TClockNoticeInput } from './clock-notice.ts';

const input: TClockNoticeInput = {
  caseReference: 'PPDA-25-7KQ3XW',
  ruleId: 'iopc.referral',
  ruleTitle: 'Refer to the IOPC (or record why not)',
  source: 'Police (Complaints and Misconduct) Regulations 2020 regs 4 and 7',
  ruleKind: 'statute',
  kind: 'due',
  dueAt: new Date('2025-03-04T23:59:59.999Z'),
  recipientRole: 'case-owner',
};

describe('formatLondon', () => {
  it('shows Europe/London wall-clock time in GMT', () => {
    expect(formatLondon(new Date('2025-03-04T23:59:59.999Z'))).toBe('Tue, 4 Mar 2025, 23:59');
  });

  it('shows Europe/London wall-clock time in BST, not UTC', () => {
    expect(formatLondon(new Date('2025-06-03T22:59:59.999Z'))).toBe('Tue, 3 Jun 2025, 23:59');
    expect(formatLondon(new Date('2025-06-03T23:30:00.000Z'))).toBe('Wed, 4 Jun 2025, 00:30');
  });
});

describe('renderClockNotice', () => {
  it('says in words what is due and when, as London sees the day', () => {
    expect(
      renderClockNotice({
        ...input,
        kind: 'reminder',
        ruleTitle: 'Suspension review',
        dueAt: new Date('2025-04-11T22:59:59.999Z'),
      }).subject,
    ).toBe('PPDA-25-7KQ3XW: Suspension review due Fri 11 Apr');
  });

  it.each<[TClockNoticeInput['kind'], boolean, string]>([
    ['reminder', false, 'PPDA-25-7KQ3XW: Refer to the IOPC (or record why not) due Tue 4 Mar'],
    ['due', false, 'PPDA-25-7KQ3XW: Due now: Refer to the IOPC (or record why not), due Tue 4 Mar'],
    [
      'escalation',
      false,
      'PPDA-25-7KQ3XW: Overdue: Refer to the IOPC (or record why not), was due Tue 4 Mar',
    ],
    ['due', true, 'PPDA-25-7KQ3XW: Refer to the IOPC (or record why not) closed Tue 4 Mar'],
  ])('a %s (window %s) is headlined %s', (kind, isWindow, subject) => {
    expect(renderClockNotice({ ...input, kind, isWindow }).subject).toBe(subject);
  });

  it('body names the rule id with its kind, the legal source and the recipient role', () => {
    const lines = renderClockNotice(input).text.split('\n');
    expect(lines).toContain(`Legal source: ${input.source}`);
    expect(lines).toContain('Rule: iopc.referral (statute)');
    expect(lines).toContain('Due now: Refer to the IOPC (or record why not)');
    expect(lines).toContain('You receive this as: case-owner');
  });

  it('says what the recipient must do, and that a closed window asks nothing', () => {
    expect(renderClockNotice({ ...input, kind: 'escalation' }).text).toContain(
      'What you need to do: This passed its due time',
    );
    expect(renderClockNotice({ ...input, kind: 'reminder' }).text).toContain(
      'What you need to do: Record the decision, with its rationale, on the case page before Tue, 4 Mar 2025, 23:59.',
    );
    const closed = renderClockNotice({ ...input, isWindow: true });
    expect(closed.text).toContain('What you need to do: Nothing is required of you.');
    expect(closed.text).not.toContain('Record the decision');
    expect(closed.html).toContain('Nothing is required of you.');
  });

  it('has an HTML part with the same facts, escaped, and the link as a button', () => {
    const url = 'https://web.example/cases/8f0c';
    const { html } = renderClockNotice({ ...input, caseUrl: url, source: 'CMR <reg 4> & 7' });
    expect(html).toContain(
      '<th scope="row" style="text-align: left; vertical-align: top;">Legal source</th><td>CMR &lt;reg 4&gt; &amp; 7</td>',
    );
    expect(html).toContain(`<a href="${url}"`);
    expect(html).toContain('Open the case</a>');
  });

  it('links the case page only when a URL is given', () => {
    expect(renderClockNotice(input).text).not.toContain('Open the case');
    const url = 'https://web.example/cases/8f0c';
    expect(renderClockNotice({ ...input, caseUrl: url }).text).toContain(`Open the case: ${url}\n`);
  });
});
