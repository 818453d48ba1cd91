import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { TStateMeta } from './machine-setup.ts';
import { ruleOf } from './state-clocks.ts';

/** A Mermaid id from a state's path: `open_referral_decisionDue`. */
const idOf = (node: AnyStateNode): string =>
  node.path.length === 0 ? 'root' : node.path.join('_').replace(/[^A-Za-z0-9_]/g, '_');

/** A guard as written in the machine: `gatesOpen`, `isDueOf(dvpo.expiry)`, `a && b`. */
function describeGuard(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function' && 'guards' in guard && Array.isArray(guard.guards)) {
    return guard.guards.map(describeGuard).join(' && ');
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    return params ? `${type}(${Object.values(params).join(', ')})` : type;
  }
  return 'guard';
}

/** The event a transition takes: `always` for eventless, `done` when a parallel state completes. */
function eventLabel(transition: AnyTransitionDefinition): string {
  if (transition.eventType === '') return 'always';
  if (transition.eventType.startsWith('xstate.done.state.')) return 'done';
  return transition.eventType;
}

function transitionLabel(transition: AnyTransitionDefinition): string {
  const guard = transition.guard ? ` [${describeGuard(transition.guard)}]` : '';
  return `${eventLabel(transition)}${guard}`;
}

/** The clocks a state runs and pauses, as the line under its name. */
function clockNote(node: AnyStateNode): string | undefined {
  const meta = node.meta as TStateMeta | undefined;
  const clocks = (meta?.clocks ?? []).map((clock) =>
    typeof clock === 'string' ? clock : `${ruleOf(clock)} (met by ${clock.duty})`,
  );
  const parts = [
    ...(clocks.length > 0 ? [`clock ${clocks.join(', ')}`] : []),
    ...(meta?.pauses?.length ? [`pauses ${meta.pauses.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

const isAncestor = (ancestor: AnyStateNode, node: AnyStateNode): boolean =>
  node.path.length > ancestor.path.length &&
  ancestor.path.every((key: string, index: number) => node.path[index] === key);

function commonContainer(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  let container: AnyStateNode | undefined = a.parent;
  while (container && container !== b && !isAncestor(container, b)) container = container.parent;
  return container ?? a.machine.root;
}

/**
 * Where an edge is drawn, and between which ids. Inside the innermost composite holding both
 * ends, except that Mermaid draws the regions of a parallel state as separate areas, so such
 * an edge goes into the region holding its source. A composite's own transitions to its
 * children (or to itself, inside a parallel state) leave from its `any` point: Mermaid cannot
 * draw an edge between a composite and what it contains.
 */
function placeEdge(source: AnyStateNode, target: AnyStateNode) {
  const hasChildren = Object.keys(source.states).length > 0;
  if (
    hasChildren &&
    (isAncestor(source, target) || (source === target && source.parent?.type === 'parallel'))
  ) {
    const any = `${idOf(source)}__any`;
    return { container: source, from: any, to: source === target ? any : idOf(target) };
  }
  let container = source === target ? (source.parent ?? source) : commonContainer(source, target);
  if (container.type === 'parallel') {
    const region = Object.values(container.states as Record<string, AnyStateNode>).find((child) =>
      isAncestor(child, source),
    );
    if (region) container = region;
  }
  return { container, from: idOf(source), to: idOf(target) };
}

const allNodes = (node: AnyStateNode): AnyStateNode[] => [
  node,
  ...Object.values(node.states as Record<string, AnyStateNode>).flatMap(allNodes),
];

/**
 * The machine as a Mermaid `stateDiagram-v2`: regions (parallel states drawn side by side),
 * states, transitions labelled with their event and guard (internal `$…` events included:
 * they are how regions talk), and under each state the clocks it runs by rule id.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const nodes = allNodes(machine.root);
  const ids = new Map(nodes.map((node) => [idOf(node), node]));
  if (ids.size !== nodes.length) throw new Error('two states map to one Mermaid id');

  const edges = new Map<AnyStateNode, string[]>();
  const withAny = new Set<AnyStateNode>();
  for (const source of nodes) {
    const transitions = [...source.transitions.values()].flat().concat(source.always ?? []);
    for (const transition of transitions) {
      for (const target of transition.target ?? [source]) {
        const { container, from, to } = placeEdge(source, target);
        if (from.endsWith('__any')) withAny.add(source);
        const line = `${from} --> ${to} : ${transitionLabel(transition)}`;
        edges.set(container, [...(edges.get(container) ?? []), line]);
      }
    }
  }

  const body = (node: AnyStateNode, indent: string): string[] => {
    const children = Object.values(node.states as Record<string, AnyStateNode>);
    const lines: string[] = [];
    if (node.type === 'parallel') {
      children.forEach((child, index) => {
        if (index > 0) lines.push(`${indent}--`);
        lines.push(...declare(child, indent));
      });
    } else {
      const initial = node.initial?.target[0];
      if (initial) lines.push(`${indent}[*] --> ${idOf(initial)}`);
      for (const child of children) lines.push(...declare(child, indent));
      for (const child of children) {
        if (child.type === 'final') lines.push(`${indent}${idOf(child)} --> [*]`);
      }
    }
    if (withAny.has(node)) {
      // Drawn as one more area of a parallel state, so it sits in none of its regions.
      if (node.type === 'parallel') lines.push(`${indent}--`);
      lines.push(`${indent}state "any ${node.key} state" as ${idOf(node)}__any`);
    }
    return [...lines, ...(edges.get(node) ?? []).map((line) => `${indent}${line}`)];
  };

  const declare = (node: AnyStateNode, indent: string): string[] => {
    const id = idOf(node);
    const note = clockNote(node);
    const lines = [`${indent}state "${node.key}" as ${id}`];
    if (note) lines.push(`${indent}${id} : ${note}`);
    if (Object.keys(node.states).length > 0) {
      lines.push(`${indent}state ${id} {`, ...body(node, `${indent}  `), `${indent}}`);
    }
    return lines;
  };

  return ['stateDiagram-v2', ...body(machine.root, '  ')].join('\n');
}

export const DIAGRAM_START = '<!-- diagram:start -->';
export const DIAGRAM_END = '<!-- diagram:end -->';

/** The README with the diagram between its markers replaced by `diagram`. */
export function withDiagram(readme: string, diagram: string): string {
  const start = readme.indexOf(DIAGRAM_START);
  const end = readme.indexOf(DIAGRAM_END);
  if (start < 0 || end < start)
    throw new Error(`README needs ${DIAGRAM_START} then ${DIAGRAM_END}`);
  const block = ['', '```mermaid', diagram, '```', ''].join('\n');
  return `${readme.slice(0, start + DIAGRAM_START.length)}${block}${readme.slice(end)}`;
}
