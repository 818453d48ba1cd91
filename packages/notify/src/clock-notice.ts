import { formatLondon, formatLondonDay } from './london-time.ts';
import { renderMailHtml } from './mail-html.ts';

export { formatLondon } from './london-time.ts';

/** What a reminder, due notice, escalation or window notice says. Only references and rules. */
export interface TClockNoticeInput {
  caseReference: string;
  ruleId: string;
  ruleTitle: string;
  /** The rule's legal or policy source, and whether it is statute or force policy. */
  source: string;
  ruleKind?: 'statute' | 'policy';
  kind: 'reminder' | 'due' | 'escalation';
  /**
   * The clock is a window someone else holds (the officer's representations, a court's):
   * its notice tells the recipient it closed, and asks nothing of them.
   */
  isWindow?: boolean;
  dueAt: Date;
  recipientRole: string;
  /** The web case page (`WEB_PUBLIC_URL/cases/:id`). */
  caseUrl?: string;
}

export interface TRenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type TNoticeKind = 'reminder' | 'due' | 'escalation' | 'window-closed';

export function noticeKindOf(input: Pick<TClockNoticeInput, 'kind' | 'isWindow'>): TNoticeKind {
  return input.isWindow && input.kind === 'due' ? 'window-closed' : input.kind;
}

const HEADLINE: Record<TNoticeKind, string> = {
  reminder: 'Reminder',
  due: 'Due now',
  escalation: 'Overdue',
  'window-closed': 'Window closed',
};

/** `PPDA-26-HYCVVQ: Suspension review due Fri 11 Apr` and its kin. */
function subjectOf(input: TClockNoticeInput, notice: TNoticeKind): string {
  const day = formatLondonDay(input.dueAt);
  const ref = input.caseReference;
  switch (notice) {
    case 'reminder':
      return `${ref}: ${input.ruleTitle} due ${day}`;
    case 'due':
      return `${ref}: Due now: ${input.ruleTitle}, due ${day}`;
    case 'escalation':
      return `${ref}: Overdue: ${input.ruleTitle}, was due ${day}`;
    case 'window-closed':
      return `${ref}: ${input.ruleTitle} closed ${day}`;
  }
}

/** What the recipient must do, in words: one sentence per kind of notice. */
function actionOf(input: TClockNoticeInput, notice: TNoticeKind): string {
  const due = formatLondon(input.dueAt);
  switch (notice) {
    case 'reminder':
      return `Record the decision, with its rationale, on the case page before ${due}.`;
    case 'due':
      return `This falls due at ${due}. Record the decision, with its rationale, on the case page now.`;
    case 'escalation':
      return `This passed its due time (${due}) without the decision being recorded. Make sure it is recorded now, with its rationale (including why it is late), or take it on yourself.`;
    case 'window-closed':
      return `Nothing is required of you. The window closed at ${due}; anything received within it is on the case page, and the case can move on.`;
  }
}

export function renderClockNotice(input: TClockNoticeInput): TRenderedMail {
  const notice = noticeKindOf(input);
  const due = formatLondon(input.dueAt);
  const subject = subjectOf(input, notice);
  const action = actionOf(input, notice);
  const rule = `${input.ruleId}${input.ruleKind ? ` (${input.ruleKind})` : ''}`;
  const lines = [
    `Case ${input.caseReference}`,
    `${HEADLINE[notice]}: ${input.ruleTitle}`,
    '',
    `What you need to do: ${action}`,
    '',
    `Due: ${due} (Europe/London)`,
    `Rule: ${rule}`,
    `Legal source: ${input.source}`,
    `You receive this as: ${input.recipientRole}`,
  ];
  if (input.caseUrl) lines.push('', `Open the case: ${input.caseUrl}`);
  const html = renderMailHtml({
    title: `${HEADLINE[notice]}: ${input.ruleTitle}`,
    sections: [
      { heading: 'What you need to do', paragraphs: [action] },
      {
        heading: `Case ${input.caseReference}`,
        facts: [
          ['Due', `${due} (Europe/London)`],
          ['Rule', rule],
          ['Legal source', input.source],
          ['You receive this as', input.recipientRole],
        ],
      },
    ],
    ...(input.caseUrl ? { action: { label: 'Open the case', href: input.caseUrl } } : {}),
  });
  return { subject, text: `${lines.join('\n')}\n`, html };
}
