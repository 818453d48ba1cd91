import { randomUUID } from 'node:crypto';
import { defaultAccessPolicy, externalForceRequirement, isChiefConstable } from '@ppda/access';
import { violatedUniqueConstraint } from '@ppda/db';
import { AppError, createCaseReference } from '@ppda/domain';
import {
  activeClocks,
  applyEvent,
  describeState,
  lawOfCase,
  londonDateOf,
  MACHINE_ID,
  startCase,
  type TDecision,
  type TLawDates,
  type TReferralCriterion,
} from '@ppda/ppda-case';
import {
  accessLogRow,
  decideAttempt,
  logUnwrittenAttempt,
  type TAccessAttempt,
  type TAccessRequest,
  type TCaseAccessAttempt,
  throwIfRefused,
  vettingRouteOpenIn,
} from '../access/authorize.ts';
import { loadSubjectContext } from '../access/case-parties.ts';
import { scheduledInvites } from '../mail/scheduled-invites.ts';
import type { TActor, TEngineDeps } from '../runtime/deps.ts';
import { assignTaskHolders } from '../timers/rung-recipients.ts';
import { planClockChanges } from '../timers/timer-plan.ts';
import { assertAssignable, assignmentRows } from './assignments.ts';
import { caseState, loadCase, retryOnConflict } from './case-store.ts';
import { commitCaseWrite } from './case-write.ts';
import { chainEvent, eventTypeOf } from './chain-event.ts';
import { checkCommandDates, decisionDates } from './command-dates.ts';
import { checkDecision, type TDecisionClearance } from './decision-checks.ts';
import { GENESIS_HASH } from './hash-chain.ts';

export interface TReportAllegation {
  /** When the force received it; defaults to now. Never in the future. */
  receivedAt?: Date;
  referralCriteriaMet: TReferralCriterion[];
  ownerId: string;
  supervisorId?: string;
  /**
   * Directory id of the accused officer or staff member. Who may see the case, who decides
   * as AA and whether policy requires an external force all follow from it.
   */
  subjectId: string;
  victimHasEnhancedRights?: boolean;
  /**
   * When the conduct occurred (`YYYY-MM-DD`, the first day if over a period) and where that
   * date comes from: it decides which version of each dated rule the case runs.
   */
  conductDate: string;
  conductDateSource: TLawDates['conductDateSource'];
}

/**
 * The subject from the directory, in one read: what the machine needs to know about them,
 * and those the case is kept from (for the owner and supervisor checks).
 */
async function subjectProfile(deps: TEngineDeps, subjectId: string) {
  const { subject, parties } = await loadSubjectContext(deps.sql, subjectId);
  if (!subject) {
    throw new AppError('validation', `subjectId: no person ${subjectId} in the directory`, {
      issues: [
        {
          field: 'subjectId',
          rule: 'known-person',
          message: `no person ${subjectId} in the directory`,
        },
      ],
    });
  }
  const external = externalForceRequirement({
    subject,
    policy: deps.accessPolicy ?? defaultAccessPolicy,
  });
  return {
    parties,
    machine: {
      // The force's chief constable (rank or role), as who acts for the case decides it.
      isChiefOfficer: isChiefConstable(subject),
      externalForceRequiredBecause: external.required ? external.reasons.join('; ') : null,
    },
  };
}

/** The conduct cannot post-date the allegation of it (400, naming the field). */
function checkConductDate(conductDate: string, receivedAt: Date) {
  if (conductDate > londonDateOf(receivedAt)) {
    throw new AppError('validation', 'conductDate: cannot be after the allegation was received', {
      issues: [
        {
          field: 'conductDate',
          rule: 'not-after-received',
          message: 'the conduct cannot be after the allegation was received',
        },
      ],
    });
  }
}

/** Open a PPDA case: a pseudonymous reference, its first clocks, its first event. */
export async function reportAllegation(
  deps: TEngineDeps,
  report: TReportAllegation,
  actor: TActor,
): Promise<{ caseId: string; reference: string }> {
  checkCommandDates(deps, { receivedAt: report.receivedAt });
  const now = deps.clock.now();
  const receivedAt = report.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) {
    throw new AppError('validation', 'receivedAt: cannot be in the future', {
      issues: [{ field: 'receivedAt', rule: 'not-in-future', message: 'cannot be in the future' }],
    });
  }
  checkConductDate(report.conductDate, receivedAt);
  const law = lawOfCase(deps.policy, {
    conductDate: report.conductDate,
    conductDateSource: report.conductDateSource,
    allegationDate: londonDateOf(receivedAt),
  });
  const { parties, machine: subject } = await subjectProfile(deps, report.subjectId);
  // The owner and supervisor get need-to-know; neither may be kept from the case.
  const assignments = [
    { personId: report.ownerId, role: 'owner' as const },
    ...(report.supervisorId
      ? [{ personId: report.supervisorId, role: 'supervisor' as const }]
      : []),
  ];
  for (const assignment of assignments) {
    await assertAssignable(
      deps.prisma,
      parties,
      assignment,
      assignment.role === 'owner' ? 'ownerId' : 'supervisorId',
    );
  }

  const caseId = randomUUID();
  const open = async (reference: string) => {
    const snapshot = startCase({
      reference,
      receivedAt: receivedAt.toISOString(),
      referralCriteriaMet: report.referralCriteriaMet,
      subject,
      law,
      ...(report.victimHasEnhancedRights === undefined
        ? {}
        : { victimHasEnhancedRights: report.victimHasEnhancedRights }),
    });
    const { event, head } = chainEvent(
      caseId,
      { headSeq: 0, headHash: GENESIS_HASH },
      {
        type: 'allegation.reported',
        actor,
        payload: {
          ppda: true,
          referralCriteriaMet: report.referralCriteriaMet,
          // The law on the day: the dates that decide it and the rule versions recorded.
          law,
          // A mandatory criterion the engine applied itself, recorded as such with its source.
          ...(snapshot.context.criteriaAppliedByEngine.length > 0
            ? {
                criteriaAppliedByEngine: snapshot.context.criteriaAppliedByEngine,
                appliedBecause:
                  'the subject is the chief constable: CMR 2020 reg 7(1)(g), conduct of a chief officer',
              }
            : {}),
        },
        occurredAt: receivedAt,
      },
    );
    const opening = {
      reference,
      machineId: MACHINE_ID,
      ownerId: report.ownerId,
      supervisorId: report.supervisorId ?? null,
      subjectId: report.subjectId,
      reportedAt: receivedAt,
    };
    const plan = planClockChanges(deps, {
      caseId,
      ownerId: report.ownerId,
      timers: [],
      generations: {},
      clocks: activeClocks(snapshot),
      law: snapshot.context.law,
      at: receivedAt,
      cause: 'allegation.reported',
    });
    await commitCaseWrite(deps, {
      caseId,
      expectedVersion: 0,
      state: caseState(snapshot, head),
      opening,
      event,
      assignments: assignmentRows(caseId, assignments, { actorId: actor.id, at: receivedAt }),
      ...plan,
      newTasks: assignTaskHolders(parties, plan.newTasks),
    });
  };
  // References are short and random (27^6 a year), so a new one can be an existing case's:
  // the write then fails on the unique reference, writing nothing, and another is drawn.
  const draw = deps.caseReference ?? createCaseReference;
  for (let attempt = 1; ; attempt++) {
    const reference = draw(receivedAt);
    try {
      await open(reference);
      deps.logger.info({ caseId, reference }, 'case opened');
      return { caseId, reference };
    } catch (error) {
      if (violatedUniqueConstraint(error) !== 'Case_reference_key') throw error;
      if (attempt >= REFERENCE_DRAWS) {
        throw new AppError('conflict', 'no free case reference was drawn; retry');
      }
    }
  }
}

const REFERENCE_DRAWS = 5;

/**
 * Record a decision with its rationale; a gate or the case's state may refuse it. Given the
 * request it came in on, it is also the access check (`gate.access`, action `case.decide`):
 * the attempt is logged in the decision's own write, or on its own when nothing is written.
 */
export async function recordDecision(
  deps: TEngineDeps,
  caseId: string,
  decision: TDecision,
  actor: TActor,
  request?: TAccessRequest,
): Promise<{ version: number; state: string }> {
  checkCommandDates(deps, decisionDates(decision));
  // Its access attempt, built once: decided on the first load (retries keep that decision)
  // and logged exactly once, by the decision's write or alone if the command fails first.
  // Without a request (the engine acting on its own) nothing is decided or logged.
  const attempt: TCaseAccessAttempt | undefined = request && {
    principal: { id: actor.id, roles: actor.roles ?? [actor.role] },
    action: 'case.decide',
    caseId,
    request,
  };
  let access: TAccessAttempt | undefined;
  let written = false;
  // Checked on the first attempt only: the subject and the directory do not change with the
  // case's version, and a longer retry would lose more races to concurrent writers.
  let clearance: TDecisionClearance | undefined;
  try {
    return await retryOnConflict(async () => {
      // The caller's assignments on the case are read until access is decided.
      const loaded = await loadCase(
        deps,
        caseId,
        attempt && !access ? attempt.principal.id : undefined,
      );
      const { row, snapshot, timers, generations, subject } = loaded;
      if (attempt) {
        access ??= decideAttempt(
          attempt,
          subject.parties,
          loaded.assignments,
          vettingRouteOpenIn(snapshot.context),
        );
        throwIfRefused(attempt, access);
      }
      clearance ??= await checkDecision(deps, row, subject, decision, actor);
      const at = deps.clock.now();
      const applied = applyEvent(
        snapshot,
        { ...decision, at: at.toISOString(), checked: clearance.checked },
        deps.calendar,
      );
      if (!applied.ok) {
        const { gate, reason } = applied.refusal;
        throw new AppError(gate === 'state' ? 'not-allowed-now' : 'gate-refused', reason, {
          gate,
          state: snapshot.value,
        });
      }
      const { rationale, ...facts } = decision;
      // Who decided under which authority is part of the hashed record.
      const { role, right, basis } = clearance.authority;
      const { event, head } = chainEvent(caseId, row, {
        type: eventTypeOf(decision.type),
        actor: { id: actor.id, role },
        rationale,
        payload: { ...facts, authority: { role, right, basis }, ...clearance.annotations },
        occurredAt: at,
      });
      const plan = planClockChanges(deps, {
        caseId,
        ownerId: row.ownerId,
        timers,
        generations,
        clocks: activeClocks(applied.next),
        law: applied.next.context.law,
        at,
        cause: eventTypeOf(decision.type),
        decision: decision.type,
      });
      // A date people meet on (an interview, a review) is mailed with its calendar invitation.
      const invites = await scheduledInvites(deps, {
        caseId,
        row,
        parties: subject.parties,
        decision,
        forum: applied.next.matches({ open: { decision: 'hearing' } })
          ? 'hearing'
          : applied.next.matches({ open: { decision: 'meeting' } })
            ? 'meeting'
            : null,
        eventSeq: event.seq,
      });
      const version = await commitCaseWrite(deps, {
        caseId,
        expectedVersion: row.version,
        state: caseState(applied.next, head),
        event,
        assignments: assignmentRows(caseId, clearance.assign, { actorId: actor.id, at }),
        ...(access ? { accessLog: accessLogRow(access, at) } : {}),
        ...plan,
        notifications: invites.notifications,
        outbox: [...plan.outbox, ...invites.outbox],
        newTasks: assignTaskHolders(subject.parties, plan.newTasks, row.dutyHolders),
      });
      written = true;
      return { version, state: describeState(applied.next) };
    });
  } catch (error) {
    if (attempt && !written) await logUnwrittenAttempt(deps, attempt, access, error);
    throw error;
  }
}
