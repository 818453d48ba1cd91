import type { TEngine } from '@ppda/engine';
import type { TDecision } from '@ppda/ppda-case';
import { postAs } from './http-client.ts';
import { measureRate } from './measure.ts';

/**
 * The engine's counterpart of the floor's transaction: a decision that updates the case,
 * appends its event and arms a clock (REFERRAL_CRITERION_IDENTIFIED starts iopc.referral),
 * then relays the delayed job. Each case takes it once, so every call records one event.
 */
const DECISION: TDecision = {
  type: 'REFERRAL_CRITERION_IDENTIFIED',
  criteria: ['serious-assault'],
  rationale: 'Serious assault alleged: criterion identified on assessment.',
};

const ACTOR = { id: 'inv-1', role: 'investigator' };

export function measureInProcess(engine: TEngine, caseIds: string[], inFlight: number) {
  return measureRate(caseIds.length, inFlight, (index) =>
    engine.recordDecision(caseIds[index]!, DECISION, ACTOR),
  );
}

class UnexpectedAnswer extends Error {
  override readonly name = 'UnexpectedAnswer';
}

export function measureOverHttp(baseUrl: string, caseIds: string[], inFlight: number) {
  return measureRate(caseIds.length, inFlight, async (index) => {
    const answer = await postAs(baseUrl, `/cases/${caseIds[index]}/decisions`, DECISION, 'inv-1');
    if (answer.status !== 200) {
      throw new UnexpectedAnswer(
        `decision answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
  });
}
