import { describe, expect, it } from 'vitest';
import { renderRecipientAlert } from './recipient-alert.ts';

describe('renderRecipientAlert', () => {
  const input = {
    caseReference: 'PPDA-27-ABCDEF',
    ruleId: 'record.decision',
    rung: 3,
    standIns: [
      { meant: 'appropriate-authority', told: { role: 'head-of-psd', personId: 'head-psd' } },
      { meant: 'supervisor', told: null },
    ],
  };

  it('names the case, the rule and each part with who was told instead', () => {
    const { subject, text } = renderRecipientAlert(input);
    expect(subject).toBe('[PPDA-27-ABCDEF] ALERT: nobody to notify for record.decision');
    expect(text).toContain(
      '- appropriate-authority: nobody resolved; told head-psd (head-of-psd) instead.',
    );
    expect(text).toContain('- supervisor: nobody resolved, and nobody above them either.');
  });

  it('links the case only when a URL is given', () => {
    expect(renderRecipientAlert(input).text).not.toContain('Case: ');
    expect(renderRecipientAlert({ ...input, caseUrl: 'https://e/cases/1' }).text).toContain(
      'Case: https://e/cases/1',
    );
  });
});
