import { REFERRAL_CRITERIA, type TCaseEvent } from './events.ts';

export type TGateResult = { ok: true } | { ok: false; gate: string; reason: string };

const OPEN: TGateResult = { ok: true };

/** `gate.not-referred`: "no IOPC referral" needs a rationale against each criterion. */
export function checkNotReferred(event: TCaseEvent): TGateResult {
  if (event.type !== 'IOPC_REFERRAL_DECIDED' || event.referred) return OPEN;
  const missing = REFERRAL_CRITERIA.filter((criterion) => !event.criteriaRationale[criterion]);
  if (missing.length === 0) return OPEN;
  return {
    ok: false,
    gate: 'gate.not-referred',
    reason: `Deciding not to refer to the IOPC needs a rationale against each referral criterion; missing: ${missing.join(', ')}.`,
  };
}

/** `gate.recording`: a PPDA allegation is recorded as a conduct matter, a complaint or both. */
export function checkRecording(event: TCaseEvent): TGateResult {
  if (event.type !== 'MATTER_RECORDED') return OPEN;
  if (event.asConductMatter || event.asComplaint) return OPEN;
  return {
    ok: false,
    gate: 'gate.recording',
    reason:
      'An allegation of police-perpetrated domestic abuse must be recorded as a conduct matter (Police Reform Act 2002 s12(2)) and/or a complaint.',
  };
}

const GATES = [checkRecording, checkNotReferred];

/** The first gate the event fails, if any. The machine's guards call the same checks. */
export function checkGates(event: TCaseEvent): TGateResult {
  for (const gate of GATES) {
    const result = gate(event);
    if (!result.ok) return result;
  }
  return OPEN;
}
