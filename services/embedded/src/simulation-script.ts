import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

const ZInstant = z.iso.datetime({ offset: true });

/** A dated case history to play on a virtual clock (YAML or JSON). */
const ZSimulationScript = z
  .strictObject({
    name: z.string().min(1),
    start: ZInstant,
    report: z.strictObject({
      /** The accused officer or staff member (a directory id). */
      subjectId: z.string(),
      ownerId: z.string(),
      supervisorId: z.string().optional(),
      referralCriteriaMet: z.array(z.string()).default([]),
      /** When the conduct occurred (YYYY-MM-DD); default: the script's start day. */
      conductDate: z.iso.date().optional(),
      conductDateSource: z.string().default('psd-estimate'),
    }),
    steps: z
      .array(
        z.strictObject({
          at: ZInstant,
          /** Who decides; default: whoever holds the decision right in the demo directory. */
          by: z.string().optional(),
          decide: z.record(z.string(), z.unknown()),
        }),
      )
      .default([]),
    until: ZInstant,
  })
  .superRefine((script, ctx) => {
    let previous = Date.parse(script.start);
    script.steps.forEach((step, index) => {
      if (Date.parse(step.at) < previous) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'at'],
          message: 'steps must be in date order, from start',
        });
      }
      previous = Date.parse(step.at);
    });
    if (Date.parse(script.until) < previous) {
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: 'until must come after the last step',
      });
    }
  });
export type TSimulationScript = z.infer<typeof ZSimulationScript>;

export async function loadSimulationScript(path: string): Promise<TSimulationScript> {
  const parsed = ZSimulationScript.safeParse(parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(script)'}: ${issue.message}`,
    );
    throw new Error(`${path} is not a valid simulation script:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
