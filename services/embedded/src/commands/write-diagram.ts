// Writes the Mermaid diagram of the case machine into workflows/ppda-case/README.md, between
// its markers (`pnpm diagram`). It lives here because workflows/ does no I/O; the diagram
// test fails until the README is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { ppdaCaseMachine, toMermaid, withDiagram } from '@ppda/ppda-case';

const readmePath = new URL('../../../../workflows/ppda-case/README.md', import.meta.url);
const before = readFileSync(readmePath, 'utf8');
const after = withDiagram(before, toMermaid(ppdaCaseMachine));
if (after === before) {
  console.log('workflows/ppda-case/README.md diagram is current');
} else {
  writeFileSync(readmePath, after);
  console.log('workflows/ppda-case/README.md diagram written');
}
