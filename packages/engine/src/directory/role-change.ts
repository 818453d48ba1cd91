import { decideRoleChange, SINGULAR_ROLES } from '@ppda/access';
import { AppError, type TPersonRole } from '@ppda/domain';
import type { TPrincipal } from '../access/authorize.ts';
import {
  applyDirectoryChange,
  type TDirectoryChangeDraft,
  type TDirectoryDeps,
} from './directory-change.ts';

export interface TRoleChange {
  personId: string;
  action: 'grant' | 'revoke';
  role: TPersonRole;
  rationale: string;
}

export interface TRoleChangeResult {
  personId: string;
  roles: string[];
  /** For a singular role: who held it before the grant moved it (they no longer do). */
  movedFrom: string[];
  changeIds: string[];
  casesRecorded: number;
}

/**
 * Grant or revoke one directory role, with its rationale, as one versioned change (rules.md,
 * "Directory changes"): the AA or chief constable for any role in the force's gift, the Head
 * of PSD for PSD roles, never one's own. A singular role (AA, Head of PSD) moves: whoever
 * held it loses it in the same change. Decided on the directory as it is inside the change's
 * transaction, so two grants cannot both pass on a stale read.
 */
export async function changeRole(
  deps: TDirectoryDeps,
  actor: TPrincipal,
  change: TRoleChange,
): Promise<TRoleChangeResult> {
  const outcome = await applyDirectoryChange(
    deps,
    { actorId: actor.id, source: 'role-grant', rationale: change.rationale },
    async (tx) => {
      const target = await tx.person.findUnique({ where: { id: change.personId } });
      if (!target) throw new AppError('not-found', `no person ${change.personId} in the directory`);
      // The grantor's roles as they are now, not as the request's principal was read.
      const grantor = await tx.person.findUnique({ where: { id: actor.id } });
      const decision = decideRoleChange({
        actor: { id: actor.id, roles: grantor && !grantor.leftAt ? grantor.roles : [] },
        target: { id: target.id, roles: target.roles, active: target.leftAt === null },
        action: change.action,
        role: change.role,
      });
      if (!decision.allowed) {
        throw new AppError(decision.code, `${decision.message} (${decision.rule})`, {
          gate: decision.rule,
        });
      }
      const changes: TDirectoryChangeDraft[] = [];
      const movedFrom: string[] = [];
      if (change.action === 'grant' && SINGULAR_ROLES.includes(change.role)) {
        const holders = await tx.person.findMany({
          where: { roles: { has: change.role }, NOT: { id: target.id } },
        });
        for (const holder of holders) {
          const roles = holder.roles.filter((role) => role !== change.role);
          await tx.person.update({ where: { id: holder.id }, data: { roles } });
          changes.push({
            kind: 'role.revoked',
            personId: holder.id,
            before: { roles: holder.roles },
            after: { roles, movedTo: target.id, role: change.role },
          });
          movedFrom.push(holder.id);
        }
      }
      const roles =
        change.action === 'grant'
          ? [...target.roles, change.role]
          : target.roles.filter((role) => role !== change.role);
      await tx.person.update({ where: { id: target.id }, data: { roles } });
      changes.push({
        kind: change.action === 'grant' ? 'role.granted' : 'role.revoked',
        personId: target.id,
        before: { roles: target.roles },
        after: { roles, role: change.role },
      });
      return { result: { roles, movedFrom }, changes };
    },
  );
  return {
    personId: change.personId,
    ...outcome.result,
    changeIds: outcome.changeIds,
    casesRecorded: outcome.casesRecorded.length,
  };
}
