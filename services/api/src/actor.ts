import type { PrismaClient } from '@ppda/db';
import { AppError } from '@ppda/domain';
import type { TActor } from '@ppda/engine';
import type { FastifyRequest } from 'fastify';

/**
 * Who is acting. Until bearer tokens arrive (access issue), the caller names a directory
 * person in `x-actor-id`; the engine records that person and role on every event.
 */
export async function resolveActor(prisma: PrismaClient, request: FastifyRequest): Promise<TActor> {
  const header = request.headers['x-actor-id'];
  const id = Array.isArray(header) ? header[0] : header;
  if (!id) {
    throw new AppError('validation', 'headers.x-actor-id: required (the acting person)', {
      issues: [
        { field: 'headers.x-actor-id', rule: 'required', message: 'the acting person is required' },
      ],
    });
  }
  const person = await prisma.person.findUnique({ where: { id } });
  if (!person) {
    throw new AppError('validation', `headers.x-actor-id: no person ${id} in the directory`, {
      issues: [{ field: 'headers.x-actor-id', rule: 'known-person', message: `no person ${id}` }],
    });
  }
  return { id: person.id, role: person.roles[0] ?? 'unknown' };
}
