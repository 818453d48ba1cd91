import { ZReportAllegationBody } from '@ppda/api';
import { postAs } from '@ppda/bench';
import { CONDUCT_DATE_SOURCES, REFERRAL_CRITERIA, ZDecision } from '@ppda/ppda-case';
import fc from 'fast-check';

/** Every decision type the api takes, read from the schema so new ones are fuzzed too. */
const DECISION_TYPES: string[] = ZDecision.options.map(
  (option) => (option.shape.type as { value: string }).value,
);

/** Text a database or a parser chokes on: NUL, lone surrogates, any UTF-16 code unit. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', 'Rationale with a NUL \u0000 inside.', '\uD800', 'lone \uDC00 low'),
);

/** Dates before the calendar, past its horizon, or any at all. */
const extremeDate = fc.oneof(
  fc.constantFrom(
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '2019-12-31T23:59:59Z',
    '2078-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

/** JSON nested far deeper than any command (the api refuses it before parsing). */
const deepJson = fc
  .integer({ min: 33, max: 50_000 })
  .map((depth) => ({ value: undefined, text: `${'['.repeat(depth)}${']'.repeat(depth)}` }));

const rationale = fc.oneof(
  fc.string(),
  hostileText,
  fc.string({ minLength: 10, maxLength: 400 }),
  fc.constant('A rationale long enough to pass.'),
  fc.constant(' '.repeat(12)),
  fc.jsonValue(),
);

const junkFields = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom('level', 'criteria', 'referred', 'at', '__proto__')),
  fc.jsonValue(),
  { maxKeys: 4 },
);

/** Near-valid decisions (right type, fields of any shape) and plain garbage. */
const decisionBody = fc.oneof(
  fc
    .record({ type: fc.constantFrom(...DECISION_TYPES), rationale, extra: junkFields })
    .map(({ extra, ...body }) => ({ ...extra, ...body })),
  fc
    .record({
      type: fc.constantFrom(...DECISION_TYPES),
      rationale,
      date: extremeDate,
      reviewDate: extremeDate,
    })
    .map((body) => body),
  fc.record({ type: fc.oneof(fc.string(), fc.jsonValue()), rationale }),
  fc.jsonValue(),
  fc.anything(),
);

const reportBody = fc.oneof(
  fc
    .record(
      {
        ownerId: fc.oneof(fc.constantFrom('inv-1', 'sup-1', 'nobody'), fc.string(), fc.jsonValue()),
        referralCriteriaMet: fc.oneof(
          fc.array(fc.constantFrom(...REFERRAL_CRITERIA, 'not-a-criterion')),
          fc.jsonValue(),
        ),
        receivedAt: fc.oneof(extremeDate, fc.string(), fc.jsonValue()),
        supervisorId: fc.oneof(fc.string(), fc.jsonValue()),
        // The law on the day: a report names when the conduct occurred and from what source.
        conductDate: fc.oneof(
          fc
            .date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, 10)),
          fc.constant('2025-01-06'),
          fc.string(),
          fc.jsonValue(),
        ),
        conductDateSource: fc.oneof(
          fc.constantFrom(...CONDUCT_DATE_SOURCES, 'rumour'),
          fc.jsonValue(),
        ),
        extra: junkFields,
      },
      { requiredKeys: [] },
    )
    .map(({ extra, ...body }) => ({ ...(extra ?? {}), ...body })),
  fc.jsonValue(),
  fc.anything(),
);

/**
 * A directory file no import may accept: people with hostile names or ids. Sent as the AA
 * (who may import), so a refusal is the validation's, not the access check's.
 */
const directoryBody = fc.record({
  people: fc.array(
    fc.record({
      id: fc.oneof(fc.constantFrom('fuzz-1', '\u0000'), hostileText),
      displayName: fc.oneof(
        fc.string().map((text) => `${text}\u0000`),
        fc.string().map((text) => `\uD800${text}`),
      ),
      email: fc.constant('fuzz@force.test'),
      rank: fc.constant('PC'),
      force: fc.constant('xx'),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

/** A body as sent: JSON of the value, (sometimes) text that is not JSON, or JSON too deep. */
const raw = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: body.map((value) => ({ value, text: safeJson(value) })) },
    { weight: 1, arbitrary: fc.string().map((text) => ({ value: undefined, text })) },
    { weight: 1, arbitrary: deepJson },
  );

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

export interface TFuzzReport {
  sent: number;
  statuses: Map<number, number>;
  fiveXx: { path: string; status: number; text: string }[];
  /** Payloads the schema refuses that the api nevertheless accepted: must be none. */
  invalidAccepted: { path: string; text: string }[];
  /** Schema-valid payloads the api accepted: legitimate commands, each one event. */
  validAccepted: number;
  /** Cases opened by accepted reports. */
  opened: number;
}

/** Send `runs` fuzzed bodies across every command (8 in flight) against `caseId`. */
export async function fuzzCommands(options: {
  apiUrl: () => string;
  caseId: string;
  runs: number;
  seed: number;
}): Promise<TFuzzReport> {
  const targets = fc.oneof(
    raw(reportBody).map((body) => ({ path: '/cases', ...body, isValid: isValidReport(body.text) })),
    raw(decisionBody).map((body) => ({
      path: `/cases/${options.caseId}/decisions`,
      ...body,
      isValid: isValidDecision(body.text),
    })),
    raw(directoryBody).map((body) => ({
      path: '/directory/import',
      as: 'aa-1',
      ...body,
      isValid: false,
    })),
  );
  const samples = fc.sample(targets, { numRuns: options.runs, seed: options.seed });
  const report: TFuzzReport = {
    sent: 0,
    statuses: new Map(),
    fiveXx: [],
    invalidAccepted: [],
    validAccepted: 0,
    opened: 0,
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let sample = samples[next++]; sample; sample = samples[next++]) {
        const answer = await postAs(
          options.apiUrl(),
          sample.path,
          sample.text,
          'as' in sample ? sample.as : 'inv-1',
        );
        report.sent++;
        report.statuses.set(answer.status, (report.statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500 || answer.status === 0) {
          report.fiveXx.push({ path: sample.path, status: answer.status, text: sample.text });
        }
        if (answer.status >= 200 && answer.status < 300) {
          if (!sample.isValid)
            report.invalidAccepted.push({ path: sample.path, text: sample.text });
          else report.validAccepted++;
          if (sample.path === '/cases') report.opened++;
        }
      }
    }),
  );
  return report;
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isValidReport(text: string): boolean {
  const parsed = parse(text);
  return parsed.ok && ZReportAllegationBody.safeParse(parsed.value).success;
}

function isValidDecision(text: string): boolean {
  const parsed = parse(text);
  return parsed.ok && ZDecision.safeParse(parsed.value).success;
}
