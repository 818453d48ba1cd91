import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import readme from '../README.md?raw';
import { DIAGRAM_END, DIAGRAM_START, toMermaid, withDiagram } from './diagram.ts';
import { ppdaCaseMachine } from './machine.ts';

const diagram = toMermaid(ppdaCaseMachine);

describe('toMermaid', () => {
  it('draws the regions of an open case side by side, and closed', () => {
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> open\n')).toBe(true);
    for (const region of [
      'recording',
      'referral',
      'severity',
      'deployment',
      'decision',
      'oversight',
    ]) {
      expect(diagram).toContain(`state "${region}" as open_${region}\n`);
    }
    expect(diagram).toContain('    --\n');
    expect(diagram).toContain(
      '  open --> closed : CASE_CLOSED [closureFactsMet && noClockRunning]',
    );
    expect(diagram).toContain('  closed --> [*]');
  });

  it('labels transitions with their event and guard, internal `$…` events included', () => {
    expect(diagram).toContain(
      'open_recording_awaitingRecord --> open_recording_recorded : MATTER_RECORDED [gatesOpen]',
    );
    expect(diagram).toContain(
      'open_decision_awaitingReport --> open_decision_caseToAnswerDue : $REPORT_RECEIVED',
    );
    expect(diagram).toContain(
      'open_conduct_notStarted --> open_conduct_active : $INVESTIGATION_STARTED',
    );
    expect(diagram).toContain(': CLOCK_RUNG [isDueOf(dvpo.expiry)]');
    expect(diagram).toContain(': always [isOralSuspension]');
  });

  it('shows the clocks each state runs by rule id, with the decision that meets it when not the usual one', () => {
    expect(diagram).toContain('open_referral_decisionDue : clock iopc.referral\n');
    expect(diagram).toContain('open_referral_screeningDue : clock referral.screening\n');
    expect(diagram).toContain(
      'open_deployment_restricted : clock suspension.review (met by RESTRICTION_REVIEWED)\n',
    );
    expect(diagram).toContain(
      'open_conduct_active_pause_paused : clock conduct-pause.review; pauses reg17.notice\n',
    );
  });

  it("draws a region's own transitions from its `any` point (Mermaid cannot link a composite to its children)", () => {
    expect(diagram).toContain('state "any risk state" as open_criminal_risk__any');
    expect(diagram).toContain(
      'open_criminal_risk__any --> open_criminal_risk_maracReferralDue : DASH_ASSESSED [isHighRisk]',
    );
    expect(diagram).not.toMatch(/^\s*(\w+) --> \1_/m);
  });

  it('is a pure function of the machine definition', () => {
    const toggle = createMachine({
      id: 'toggle',
      initial: 'off',
      states: { off: { on: { FLIP: 'on' } }, on: { on: { FLIP: 'off' } } },
    });
    expect(toMermaid(toggle)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> off',
        '  state "off" as off',
        '  state "on" as on',
        '  off --> on : FLIP',
        '  on --> off : FLIP',
      ].join('\n'),
    );
  });
});

describe('withDiagram', () => {
  it('replaces only what lies between the markers', () => {
    const before = `# Title\n${DIAGRAM_START}\nold\n${DIAGRAM_END}\nafter\n`;
    expect(withDiagram(before, 'new')).toBe(
      `# Title\n${DIAGRAM_START}\n\`\`\`mermaid\nnew\n\`\`\`\n${DIAGRAM_END}\nafter\n`,
    );
  });

  it('refuses a README without its markers', () => {
    expect(() => withDiagram('# Title\n', 'new')).toThrow(DIAGRAM_START);
  });
});

describe('README.md', () => {
  it('shows the current diagram', () => {
    expect(
      withDiagram(readme, diagram) === readme,
      'the README diagram is not current: run `pnpm diagram`',
    ).toBe(true);
  });
});
