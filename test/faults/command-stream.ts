import { postAs } from '@ppda/bench';

const RATIONALE = 'Recorded during the fault run, with reasons.';

/** Decisions the stream sends; whether the case takes one depends on where it is. */
const DECISIONS = [
  { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false, rationale: RATIONALE },
  { type: 'REFERRAL_CRITERION_IDENTIFIED', criteria: ['serious-assault'], rationale: RATIONALE },
  { type: 'IOPC_REFERRAL_DECIDED', referred: true, rationale: RATIONALE },
  { type: 'SEVERITY_ASSESSED', level: 'misconduct', rationale: RATIONALE },
] as const;

export interface TAcceptedCommand {
  caseId: string;
  /** The command type: `REPORT` or a decision type. */
  type: string;
}

/** What the api answered: accepted commands must all be in the database afterwards. */
export interface TCommandLedger {
  accepted: TAcceptedCommand[];
  /** HTTP status → count; 0 is no answer (the api was down or killed mid-request). */
  statuses: Map<number, number>;
}

function createLedger(): TCommandLedger {
  return { accepted: [], statuses: new Map() };
}

export function countStatus(ledger: TCommandLedger, status: number): void {
  ledger.statuses.set(status, (ledger.statuses.get(status) ?? 0) + 1);
}

export interface TCommandStream {
  ledger: TCommandLedger;
  /** Cases the stream works on (seeded and reported). */
  caseIds: string[];
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<TCommandLedger>;
}

/** Report a case to the api as `inv-1` (against `subj-1`): the fault run's one kind of new case. */
export function reportOverHttp(apiUrl: string, options: { timeoutMs?: number } = {}) {
  const report = {
    ownerId: 'inv-1',
    subjectId: 'subj-1',
    conductDate: '2025-01-06',
    conductDateSource: 'victim-account',
  };
  return postAs(apiUrl, '/cases', report, 'inv-1', options);
}

/** Send one command (report a case or a decision on a known case) and record the answer. */
async function sendOne(apiUrl: string, stream: TCommandStream, random: () => number) {
  const { ledger, caseIds } = stream;
  if (caseIds.length === 0 || random() < 0.3) {
    const answer = await reportOverHttp(apiUrl);
    countStatus(ledger, answer.status);
    if (answer.status === 201) {
      const { caseId } = answer.body as { caseId: string };
      ledger.accepted.push({ caseId, type: 'REPORT' });
      caseIds.push(caseId);
    }
    return answer.status;
  }
  const caseId = caseIds[Math.floor(random() * caseIds.length)]!;
  const decision = DECISIONS[Math.floor(random() * DECISIONS.length)]!;
  const answer = await postAs(apiUrl, `/cases/${caseId}/decisions`, decision, 'inv-1');
  countStatus(ledger, answer.status);
  if (answer.status === 200) ledger.accepted.push({ caseId, type: decision.type });
  return answer.status;
}

/** `lanes` loops sending commands until stopped; pause() waits for in-flight ones. */
export function startCommandStream(options: {
  apiUrl: () => string;
  caseIds: string[];
  lanes: number;
  random: () => number;
}): TCommandStream {
  let running = true;
  let paused = false;
  const idle: (() => void)[] = [];
  let resumed: (() => void) | undefined;
  let resumeSignal = new Promise<void>((resolve) => {
    resumed = resolve;
  });
  const stream: TCommandStream = {
    ledger: createLedger(),
    caseIds: options.caseIds,
    async pause() {
      paused = true;
      resumeSignal = new Promise<void>((resolve) => {
        resumed = resolve;
      });
      await Promise.all(
        Array.from({ length: options.lanes }, () => new Promise<void>((r) => idle.push(r))),
      );
    },
    resume() {
      paused = false;
      resumed?.();
    },
    async stop() {
      running = false;
      stream.resume();
      await lanes;
      return stream.ledger;
    },
  };
  const lane = async () => {
    while (running) {
      if (paused) {
        idle.shift()?.();
        await resumeSignal;
        continue;
      }
      const status = await sendOne(options.apiUrl(), stream, options.random);
      // Pacing only: with the api down, do not spin on refused connections.
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const lanes = Promise.all(Array.from({ length: options.lanes }, lane));
  return stream;
}
