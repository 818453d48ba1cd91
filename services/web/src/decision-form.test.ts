import { DECISION_TYPES } from '@ppda/ppda-case';
import { describe, expect, it } from 'vitest';
import { decisionFields, parseDecisionForm } from './decision-form.ts';

describe('decision forms generated from ZDecision', () => {
  it('has a form for every decision type', () => {
    for (const type of DECISION_TYPES) expect(() => decisionFields(type)).not.toThrow();
  });

  it('asks one rationale per referral criterion, and radios for a boolean', () => {
    const fields = decisionFields('IOPC_REFERRAL_DECIDED');
    expect(fields.map((field) => field.kind)).toEqual(['yes-no', 'per-option', 'textarea']);
    const perCriterion = fields[1];
    expect(perCriterion?.kind === 'per-option' && perCriterion.options).toContain(
      'serious-assault',
    );
  });

  it('turns a form back into the decision the api would accept', () => {
    const parsed = parseDecisionForm('INTERVIEW_DATE_SET', {
      'date-day': '7',
      'date-month': '4',
      'date-year': '2025',
      rationale: 'Interview arranged with the federation rep.',
    });
    expect(parsed).toEqual({
      ok: true,
      decision: {
        type: 'INTERVIEW_DATE_SET',
        date: '2025-04-07T00:00:00.000Z',
        rationale: 'Interview arranged with the federation rep.',
      },
    });
  });

  it('names each problem in form order, linked to its control', () => {
    const parsed = parseDecisionForm('INVESTIGATOR_APPOINTED', {
      'declaration.signed': 'yes',
      rationale: 'short',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      {
        name: 'investigatorId',
        href: '#investigatorId',
        text: 'Enter directory id of the investigator',
      },
      {
        name: 'declaration.statement',
        href: '#declaration-statement',
        text: 'Enter declaration statement',
      },
      { name: 'rationale', href: '#rationale', text: 'Rationale must be at least 10 characters' },
    ]);
  });

  it('refuses a date that does not exist', () => {
    const parsed = parseDecisionForm('INTERVIEW_DATE_SET', {
      'date-day': '31',
      'date-month': '2',
      'date-year': '2025',
      rationale: 'Interview arranged with the federation rep.',
    });
    expect(parsed.ok === false && parsed.errors[0]).toMatchObject({
      href: '#date-day',
      text: 'Date must be a real date',
    });
  });
});
