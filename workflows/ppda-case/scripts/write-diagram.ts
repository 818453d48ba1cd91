// Writes the Mermaid diagram of the case machine into the package README, between its
// markers. Run `pnpm --filter @ppda/ppda-case diagram` after changing the machine; the
// diagram test fails until the README is current.
// biome-ignore lint/style/noRestrictedImports: a development script writing the README, not workflow code
import { readFileSync, writeFileSync } from 'node:fs';
import { toMermaid, withDiagram } from '../src/diagram.ts';
import { ppdaCaseMachine } from '../src/machine.ts';

const readmePath = new URL('../README.md', import.meta.url);
const before = readFileSync(readmePath, 'utf8');
const after = withDiagram(before, toMermaid(ppdaCaseMachine));
if (after === before) {
  console.log('README.md diagram is current');
} else {
  writeFileSync(readmePath, after);
  console.log('README.md diagram written');
}
