/** What a reminder, due notice or escalation says. Only references and rules: no names. */
export interface TClockNoticeInput {
  caseReference: string;
  ruleId: string;
  ruleTitle: string;
  source: string;
  kind: 'reminder' | 'due' | 'escalation';
  dueAt: Date;
  recipientRole: string;
  /** Base URL of the engine's API, for a link to the case. */
  caseUrl?: string;
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatLondon(instant: Date): string {
  return londonFormat.format(instant);
}

const HEADLINE: Record<TClockNoticeInput['kind'], string> = {
  reminder: 'Reminder',
  due: 'Due now',
  escalation: 'ESCALATION',
};

export function renderClockNotice(input: TClockNoticeInput): { subject: string; text: string } {
  const due = formatLondon(input.dueAt);
  const subject = `[${input.caseReference}] ${HEADLINE[input.kind]}: ${input.ruleId} due ${due}`;
  const lines = [
    `Case ${input.caseReference}`,
    `${HEADLINE[input.kind]}: ${input.ruleTitle} (${input.ruleId})`,
    `Due: ${due} (Europe/London)`,
    `Legal source: ${input.source}`,
    `You receive this as: ${input.recipientRole}`,
    '',
    input.kind === 'escalation'
      ? 'This clock has passed its due time without the required decision being recorded. Record the decision, with its rationale, in the case engine.'
      : 'Record the decision, with its rationale, in the case engine before it falls due.',
  ];
  if (input.caseUrl) lines.push('', `Case: ${input.caseUrl}`);
  return { subject, text: `${lines.join('\n')}\n` };
}
