import {
  CASE_ACTIONS,
  checkDecisionRights,
  decideCaseAccess,
  type TCaseAction,
} from '@ppda/access';
import { acceptedDecisionTypes, type TDecisionType } from '@ppda/ppda-case';
import { type TPrincipal, vettingRouteOpenIn } from '../access/authorize.ts';
import type { TEngineDeps } from '../runtime/deps.ts';
import { loadCase } from '../write/case-store.ts';

export interface TOpenDecision {
  type: TDecisionType;
  /** Whether the reader holds the decision right on this case (`gate.decision-rights`). */
  allowed: boolean;
  /** Why not, in words, when not allowed. */
  reason?: string;
}

export interface TCaseAffordances {
  /** The decisions the case is at a point to take now, each with the reader's right to it. */
  decisions: TOpenDecision[];
  /** Each case action, as `gate.access` would decide it for the reader now. */
  actions: Record<TCaseAction, boolean>;
}

/**
 * What a reader may do on a case now, for a work surface to offer: decided by the same
 * `decideCaseAccess` and `checkDecisionRights` the commands use (which still decide when the
 * reader acts). Changes nothing and logs nothing: the caller has passed `gate.access` already.
 */
export async function caseAffordances(
  deps: TEngineDeps,
  caseId: string,
  reader: TPrincipal,
): Promise<TCaseAffordances> {
  const { subject, assignments, snapshot } = await loadCase(deps, caseId, reader.id);
  const { parties } = subject;
  const decisions = acceptedDecisionTypes(snapshot).map((type): TOpenDecision => {
    const rights = checkDecisionRights({ type, person: reader, parties });
    return rights.ok ? { type, allowed: true } : { type, allowed: false, reason: rights.reason };
  });
  const actions = Object.fromEntries(
    (Object.keys(CASE_ACTIONS) as TCaseAction[]).map((action) => [
      action,
      decideCaseAccess({
        person: reader,
        action,
        parties,
        assignments,
        vettingRouteOpen: vettingRouteOpenIn(snapshot.context),
      }).allowed,
    ]),
  ) as Record<TCaseAction, boolean>;
  return { decisions, actions };
}
