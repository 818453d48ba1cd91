import { renderMailHtml } from './mail-html.ts';

/** What ops and the Head of PSD are told when a rung has a part nobody could be resolved for. */
export interface TRecipientAlertInput {
  caseReference: string;
  ruleId: string;
  rung: number;
  /** Each part nobody holds, and who was told instead (null: nobody at all). */
  standIns: { meant: string; told: { role: string; personId: string } | null }[];
  caseUrl?: string;
}

/** Only references, rule ids and directory ids: no names, nothing about the victim. */
export function renderRecipientAlert(input: TRecipientAlertInput): {
  subject: string;
  text: string;
  html: string;
} {
  const subject = `[${input.caseReference}] ALERT: nobody to notify for ${input.ruleId}`;
  const lines = [
    `Case ${input.caseReference}: rung ${input.rung} of ${input.ruleId} has a part nobody in the directory can take.`,
    ...input.standIns.map(({ meant, told }) =>
      told
        ? `- ${meant}: nobody resolved; told ${told.personId} (${told.role}) instead.`
        : `- ${meant}: nobody resolved, and nobody above them either.`,
    ),
    '',
    'Fix the directory (a role holder, a line manager, a leaver) so that someone acts for the case; the rung itself has been recorded on the case.',
  ];
  if (input.caseUrl) lines.push('', `Case: ${input.caseUrl}`);
  const html = renderMailHtml({
    title: `Nobody to notify for ${input.ruleId} on ${input.caseReference}`,
    sections: [
      {
        heading: 'What you need to do',
        paragraphs: [
          'Fix the directory (a role holder, a line manager, a leaver) so that someone acts for the case; the rung itself has been recorded on the case.',
        ],
      },
      {
        heading: `Rung ${input.rung} of ${input.ruleId}`,
        items: input.standIns.map(({ meant, told }) => ({
          text: told
            ? `${meant}: nobody resolved; told ${told.personId} (${told.role}) instead.`
            : `${meant}: nobody resolved, and nobody above them either.`,
        })),
      },
    ],
    ...(input.caseUrl ? { action: { label: 'Open the case', href: input.caseUrl } } : {}),
  });
  return { subject, text: `${lines.join('\n')}\n`, html };
}
