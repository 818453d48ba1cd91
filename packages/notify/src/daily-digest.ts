import { formatLondon, formatLondonLongDay } from './london-time.ts';
import { renderMailHtml } from './mail-html.ts';

export interface TDigestItem {
  caseReference: string;
  ruleId: string;
  ruleTitle: string;
  dueAt: Date;
  caseUrl?: string;
}

export interface TDailyDigestInput {
  /** The morning the digest is for. */
  day: Date;
  overdue: TDigestItem[];
  dueToday: TDigestItem[];
}

const line = (item: TDigestItem) =>
  `${item.caseReference}: ${item.ruleTitle} (${item.ruleId}), due ${formatLondon(item.dueAt)}`;

/** A person's morning list of what is due today and what is overdue. References and rules only. */
export function renderDailyDigest(input: TDailyDigestInput) {
  const day = formatLondonLongDay(input.day);
  const count = input.overdue.length + input.dueToday.length;
  const subject = `Your PPDA work for ${day}: ${input.overdue.length} overdue, ${input.dueToday.length} due today`;
  const action =
    'Record each decision, with its rationale, on its case page; an overdue item needs its reason for lateness recorded too.';
  const text = [
    `Your PPDA work for ${day}: ${count} item${count === 1 ? '' : 's'}.`,
    '',
    `What you need to do: ${action}`,
    '',
    `Overdue (${input.overdue.length}):`,
    ...(input.overdue.length
      ? input.overdue.map((item) => `- ${line(item)}${item.caseUrl ? ` ${item.caseUrl}` : ''}`)
      : ['- none']),
    '',
    `Due today (${input.dueToday.length}):`,
    ...(input.dueToday.length
      ? input.dueToday.map((item) => `- ${line(item)}${item.caseUrl ? ` ${item.caseUrl}` : ''}`)
      : ['- none']),
    '',
  ].join('\n');
  const items = (list: TDigestItem[]) =>
    list.length
      ? list.map((item) => ({ text: line(item), ...(item.caseUrl ? { href: item.caseUrl } : {}) }))
      : [{ text: 'None' }];
  const html = renderMailHtml({
    title: `Your PPDA work for ${day}`,
    sections: [
      { heading: 'What you need to do', paragraphs: [action] },
      { heading: `Overdue (${input.overdue.length})`, items: items(input.overdue) },
      { heading: `Due today (${input.dueToday.length})`, items: items(input.dueToday) },
    ],
  });
  return { subject, text, html };
}
