import type { SinkMessage } from '@ppda/local-infra';

/** The kind of clock notice a mail is, read from its subject (`clock-notice.ts`). */
export function noticeKindOf(mail: Pick<SinkMessage, 'subject'>): string {
  if (/^[A-Z0-9-]+: Due now: /.test(mail.subject)) return 'Due now';
  if (/^[A-Z0-9-]+: Overdue: /.test(mail.subject)) return 'Overdue';
  if (/ closed \w{3} \d{1,2} \w{3}$/.test(mail.subject)) return 'Window closed';
  if (/ due \w{3} \d{1,2} \w{3}$/.test(mail.subject)) return 'Reminder';
  return 'other';
}

/** A clock notice about this case and rule: the reference leads the subject, the rule is in the body. */
export function isNoticeAbout(
  mail: Pick<SinkMessage, 'subject' | 'text'>,
  reference: string,
  ruleId: string,
): boolean {
  return mail.subject.startsWith(`${reference}: `) && mail.text.includes(`\nRule: ${ruleId} (`);
}
