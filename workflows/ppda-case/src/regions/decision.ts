import { and } from 'xstate';
import { caseSetup } from '../machine-setup.ts';
import { clockState } from './clock-state.ts';

/** Before a hearing or a meeting alike: the officer's response is due, then the witness lists. */
const officerResponse = <const TThen extends string>(then: TThen) => ({
  responseDue: clockState({
    clocks: ['proceedings.response'],
    on: { OFFICER_RESPONSE_RECEIVED: 'witnessListsDue' },
  }),
  witnessListsDue: clockState({
    clocks: ['proceedings.witness-lists'],
    on: { WITNESS_LISTS_SUPPLIED: then },
  }),
});

/** Case to answer (CondR 23), meeting or hearing (CondR 31-34), outcome. */
export const decision = caseSetup.createStateConfig({
  initial: 'awaitingReport',
  states: {
    awaitingReport: {
      on: {
        $REPORT_RECEIVED: 'caseToAnswerDue',
        // Withdrawal of vetting clearance is the outcome: dismissal without notice.
        $VETTING_WITHDRAWN: 'outcomeRecorded',
        OUTCOME_RECORDED: {
          guard: and(['noInvestigationNeeded', 'gatesOpen']),
          target: 'outcomeRecorded',
          actions: ['recordOutcome', 'announceOutcome'],
        },
      },
    },
    caseToAnswerDue: clockState({
      clocks: ['case-to-answer.decision'],
      on: {
        CASE_TO_ANSWER_DECIDED: [
          { guard: 'caseToAnswerAtHearing', target: 'hearing' },
          { guard: 'caseToAnswerAtMeeting', target: 'meeting' },
          { target: 'outcomeDue' },
        ],
      },
    }),
    hearing: {
      initial: 'documentsPending',
      states: {
        documentsPending: { on: { DOCUMENTS_SUPPLIED_TO_OFFICER: 'responseDue' } },
        ...officerResponse('awaitingChair'),
        awaitingChair: { on: { DOCUMENTS_SENT_TO_CHAIR: 'preHearingDue' } },
        preHearingDue: clockState({
          clocks: ['proceedings.prehearing'],
          on: { PRE_HEARING_HELD: 'listed' },
        }),
        listed: { on: { MEETING_OR_HEARING_HELD: '#ppda-case.open.decision.outcomeDue' } },
      },
    },
    meeting: {
      initial: 'documentsPending',
      states: {
        documentsPending: { on: { DOCUMENTS_SUPPLIED_TO_OFFICER: 'documentsSupplied' } },
        documentsSupplied: {
          type: 'parallel',
          onDone: '#ppda-case.open.decision.outcomeDue',
          states: {
            officer: {
              initial: 'responseDue',
              states: {
                ...officerResponse('ready'),
                ready: { type: 'final' },
              },
            },
            sitting: {
              initial: 'meetingDue',
              states: {
                meetingDue: clockState({
                  clocks: ['proceedings.meeting'],
                  on: { MEETING_OR_HEARING_HELD: 'held' },
                }),
                held: { type: 'final' },
              },
            },
          },
        },
      },
    },
    outcomeDue: {
      on: {
        OUTCOME_RECORDED: {
          guard: 'gatesOpen',
          target: 'outcomeRecorded',
          actions: ['recordOutcome', 'announceOutcome'],
        },
      },
    },
    outcomeRecorded: {
      on: {
        IOPC_NOTIFIED_OF_OUTCOME: { guard: 'wasReferred', actions: 'recordIopcNotified' },
      },
    },
  },
});
