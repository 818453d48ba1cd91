import { describe, expect, it } from 'vitest';
import { formatLondon, renderClockNotice, type TClockNoticeInput } from './clock-notice.ts';

const input: TClockNoticeInput = {
  caseReference: 'PPDA-25-7KQ3XW',
  ruleId: 'iopc.referral',
  ruleTitle: 'Refer to the IOPC (or record why not)',
  source: 'Police (Complaints and Misconduct) Regulations 2020 regs 4 and 7',
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
  it('subject starts with the reference and names the rule and London due time', () => {
    const { subject } = renderClockNotice(input);
    expect(subject.startsWith('[PPDA-25-7KQ3XW] ')).toBe(true);
    expect(subject).toContain('iopc.referral');
    expect(subject).toContain('Tue, 4 Mar 2025, 23:59');
  });

  it('subject gives the BST due time as London sees it', () => {
    const { subject } = renderClockNotice({
      ...input,
      dueAt: new Date('2025-06-03T22:59:59.999Z'),
    });
    expect(subject).toContain('due Tue, 3 Jun 2025, 23:59');
  });

  it.each<[TClockNoticeInput['kind'], string]>([
    ['reminder', 'Reminder'],
    ['due', 'Due now'],
    ['escalation', 'ESCALATION'],
  ])('headlines a %s as %s', (kind, headline) => {
    expect(renderClockNotice({ ...input, kind }).subject).toBe(
      `[PPDA-25-7KQ3XW] ${headline}: iopc.referral due Tue, 4 Mar 2025, 23:59`,
    );
  });

  it('body names the legal source, the rule title and the recipient role', () => {
    const lines = renderClockNotice(input).text.split('\n');
    expect(lines).toContain(`Legal source: ${input.source}`);
    expect(lines).toContain('Due now: Refer to the IOPC (or record why not) (iopc.referral)');
    expect(lines).toContain('You receive this as: case-owner');
  });

  it('says an escalation has passed its due time; a reminder that it has not', () => {
    expect(renderClockNotice({ ...input, kind: 'escalation' }).text).toContain(
      'has passed its due time',
    );
    expect(renderClockNotice({ ...input, kind: 'reminder' }).text).toContain('before it falls due');
  });

  it('links the case only when a URL is given', () => {
    expect(renderClockNotice(input).text).not.toContain('Case: ');
    const url = 'https://engine.example/cases/PPDA-25-7KQ3XW';
    expect(renderClockNotice({ ...input, caseUrl: url }).text).toContain(`Case: ${url}\n`);
  });
});
