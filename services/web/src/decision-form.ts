import { type TDecision, type TDecisionType, ZDecision } from '@ppda/ppda-case';
import type { z } from 'zod';

/**
 * Decision forms generated from `ZDecision`, the schema the api validates with: each field of
 * a decision's schema becomes a GOV.UK form control, a submitted form is turned back into the
 * decision object and parsed by the same schema, and its issues become the error summary.
 */
export type TField =
  | { kind: 'yes-no'; name: string; label: string; required: boolean }
  | { kind: 'radios'; name: string; label: string; required: boolean; options: string[] }
  | {
      kind: 'checkboxes';
      name: string;
      label: string;
      required: boolean;
      options: string[];
      min: number;
    }
  | { kind: 'confirm'; name: string; label: string }
  | { kind: 'textarea'; name: string; label: string; required: boolean; minLength: number }
  | { kind: 'text'; name: string; label: string; required: boolean; minLength: number }
  | { kind: 'lines'; name: string; label: string; required: boolean; min: number }
  | { kind: 'number'; name: string; label: string; required: boolean; min?: number; max?: number }
  | { kind: 'date'; name: string; label: string; required: boolean }
  | { kind: 'fieldset'; name: string; label: string; required: boolean; fields: TField[] }
  | {
      kind: 'per-option';
      name: string;
      label: string;
      options: string[];
      minLength: number;
    };

export interface TFieldError {
  name: string;
  /** The id of the control the error summary links to. */
  href: string;
  text: string;
}

/** Words for the fields decisions share; any other is its name in words. */
const LABELS: Record<string, string> = {
  rationale: 'Rationale',
  asConductMatter: 'Record it as a conduct matter?',
  asComplaint: 'Record it as a complaint?',
  criteria: 'Referral criteria the matter meets',
  referred: 'Refer the matter to the IOPC?',
  criteriaRationale: 'If not referred: why, for each criterion the matter meets',
  mode: 'Mode of investigation the IOPC decided',
  level: 'Severity',
  newEvidence: 'The new evidence',
  referralCriteriaMet: 'Referral criteria the matter now meets',
  oral: 'Was the suspension given orally?',
  redeployment: 'Redeployment',
  considered: 'Redeployment was considered',
  rejectedBecause: 'Why redeployment was rejected',
  grounds: 'Grounds for suspension',
  investigationMayBePrejudiced: 'How the investigation may be prejudiced',
  publicInterest: 'Why the public interest requires it',
  restrictions: 'Restrictions (one a line)',
  investigatorId: 'Directory id of the investigator',
  declaration: 'Independence declaration',
  signed: 'Has the investigator signed the declaration?',
  statement: 'Declaration statement',
  force: 'Force asked to investigate',
  reasons: 'Reasons',
  termsOfReference: 'Terms of reference',
  accepted: 'Did the force accept?',
  totalWorkingDays: 'Whole window, in working days from service of the notice',
  date: 'Date',
  reason: 'Reason',
  approvedByAppropriateAuthority: 'Approved by the appropriate authority?',
  reviewDate: 'Review date',
  iopcNotified: 'The IOPC has been sent the report',
  pccExemptBecausePrejudicial: 'If not sent to the PCC: why sending it would prejudice',
  decision: 'Decision',
  granted: 'Granted?',
  days: 'Length in days (14 to 28)',
  result: 'Result',
  spocId: 'Directory id of the victim SPOC',
  caseToAnswer: 'Is there a case to answer?',
  forum: 'Forum',
  outcome: 'Outcome',
  seriousness: 'Seriousness assessment',
  culpability: 'Culpability',
  harm: 'Harm',
  aggravating: 'Aggravating factors (one a line)',
  mitigating: 'Mitigating factors (one a line)',
};

const ACRONYMS = new Set(['IOPC', 'DVPN', 'DVPO', 'DASH', 'MARAC', 'VRR', 'SPOC', 'OIC', 'PCC']);

/** `IOPC_REFERRAL_DECIDED` → "IOPC referral decided". */
export function decisionTitle(type: string): string {
  const words = type
    .replace(/^REG17/, 'REG 17')
    .split('_')
    .map((word) => (ACRONYMS.has(word) ? word : word.toLowerCase()));
  const [first = '', ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** `serious-assault` or `asComplaint` → "Serious assault" / "As complaint". */
export function inWords(name: string): string {
  const spaced = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('-', ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

// biome-ignore lint/suspicious/noExplicitAny: zod's runtime definitions are walked generically
type TAnySchema = any;

function unwrap(schema: TAnySchema): { inner: TAnySchema; required: boolean } {
  let inner = schema;
  let required = true;
  while (['optional', 'default', 'nullable'].includes(inner.def.type)) {
    required = false;
    inner = inner.def.innerType;
  }
  return { inner, required };
}

function arrayMin(schema: TAnySchema): number {
  const check = (schema.def.checks ?? []).find(
    (candidate: TAnySchema) => candidate._zod.def.check === 'min_length',
  );
  return check?._zod.def.minimum ?? 0;
}

function fieldOf(name: string, key: string, schema: TAnySchema): TField {
  const { inner, required } = unwrap(schema);
  const label = LABELS[key] ?? inWords(key);
  switch (inner.def.type) {
    case 'boolean':
      return { kind: 'yes-no', name, label, required };
    case 'enum':
      return { kind: 'radios', name, label, required, options: [...inner.options] };
    case 'literal':
      return { kind: 'confirm', name, label };
    case 'number':
      return {
        kind: 'number',
        name,
        label,
        required,
        ...(Number.isFinite(inner.minValue) ? { min: inner.minValue } : {}),
        ...(Number.isFinite(inner.maxValue) ? { max: inner.maxValue } : {}),
      };
    case 'string': {
      if (inner.format === 'datetime') return { kind: 'date', name, label, required };
      const minLength = inner.minLength ?? 0;
      return minLength >= 10
        ? { kind: 'textarea', name, label, required, minLength }
        : { kind: 'text', name, label, required, minLength };
    }
    case 'array': {
      const element = inner.def.element;
      const min = arrayMin(inner);
      return element.def.type === 'enum'
        ? { kind: 'checkboxes', name, label, required, options: [...element.options], min }
        : { kind: 'lines', name, label, required, min };
    }
    case 'record':
      return {
        kind: 'per-option',
        name,
        label,
        options: [...inner.def.keyType.options],
        minLength: inner.def.valueType.minLength ?? 0,
      };
    case 'object':
      return {
        kind: 'fieldset',
        name,
        label,
        required,
        fields: Object.entries(inner.shape).map(([childKey, child]) =>
          fieldOf(`${name}.${childKey}`, childKey, child),
        ),
      };
    default:
      throw new Error(`no form control for ${name} (${inner.def.type})`);
  }
}

const SCHEMAS = new Map<string, TAnySchema>(
  ZDecision.options.map((option) => [option.shape.type.value, option]),
);

export function isDecisionType(type: string): type is TDecisionType {
  return SCHEMAS.has(type);
}

/** The form for one decision type: its schema's fields, rationale last. */
export function decisionFields(type: TDecisionType): TField[] {
  const schema = SCHEMAS.get(type);
  if (!schema) throw new Error(`no decision ${type}`);
  const fields = Object.entries(schema.shape as Record<string, TAnySchema>)
    .filter(([key]) => key !== 'type')
    .map(([key, child]) => fieldOf(key, key, child));
  return [
    ...fields.filter((field) => field.name !== 'rationale'),
    ...fields.filter((field) => field.name === 'rationale'),
  ];
}

/** The id of a field's first control, for the error summary's link and the label. */
export function controlId(field: TField | string): string {
  const name = typeof field === 'string' ? field : field.name;
  return name.replaceAll('.', '-');
}

type TForm = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
const many = (value: string | string[] | undefined) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean);

/** A GOV.UK date input's three boxes as the ISO instant the schema takes (midnight UTC). */
function dateOf(form: TForm, name: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => one(form[`${name}-${part}`]));
  if (!day && !month && !year) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real =
    /^\d{4}$/.test(year ?? '') &&
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  return real ? date.toISOString() : 'not-a-date';
}

function answerOf(field: TField, form: TForm): unknown {
  switch (field.kind) {
    case 'yes-no': {
      const answer = one(form[field.name]);
      return answer === 'yes' ? true : answer === 'no' ? false : undefined;
    }
    case 'radios':
      return one(form[field.name]) || undefined;
    case 'checkboxes': {
      const chosen = many(form[field.name]);
      return chosen.length > 0 || field.required ? chosen : undefined;
    }
    case 'confirm':
      return one(form[field.name]) === 'yes' ? true : undefined;
    case 'textarea':
    case 'text':
      return one(form[field.name]) || undefined;
    case 'lines': {
      const lines = one(form[field.name])
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      return lines.length > 0 || field.required ? lines : undefined;
    }
    case 'number': {
      const text = one(form[field.name]);
      if (!text) return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : text;
    }
    case 'date':
      return dateOf(form, field.name);
    case 'fieldset': {
      const entries = field.fields
        .map((child) => [child.name.slice(field.name.length + 1), answerOf(child, form)] as const)
        .filter(([, value]) => value !== undefined);
      if (entries.length === 0 && !field.required) return undefined;
      return Object.fromEntries(entries);
    }
    case 'per-option': {
      const entries = field.options
        .map((option) => [option, one(form[`${field.name}.${option}`])] as const)
        .filter(([, value]) => value !== '');
      return Object.fromEntries(entries);
    }
  }
}

function findField(fields: TField[], name: string): TField | undefined {
  for (const field of fields) {
    if (field.name === name) return field;
    if (field.kind === 'fieldset' && name.startsWith(`${field.name}.`)) {
      return findField(field.fields, name) ?? field;
    }
    if (field.kind === 'per-option' && name.startsWith(`${field.name}.`)) return field;
  }
  return undefined;
}

function messageOf(field: TField | undefined, issue: z.core.$ZodIssue, value: unknown): string {
  const label = field?.label.replace(/\?$/, '') ?? 'This answer';
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  if (issue.code === 'invalid_type' && value === undefined) {
    switch (field?.kind) {
      case 'yes-no':
        return `Select yes or no: ${lower}`;
      case 'radios':
        return `Select ${lower}`;
      case 'confirm':
        return `Confirm: ${lower}`;
      case 'date':
        return `Enter ${lower}`;
      default:
        return `Enter ${lower}`;
    }
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return `${label} must be at least ${issue.minimum} characters`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return field?.kind === 'lines'
      ? `Enter at least ${issue.minimum}: ${lower}`
      : `Select at least ${issue.minimum}: ${lower}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return `${label}: ${issue.message}`;
  }
  if (issue.code === 'invalid_format' && field?.kind === 'date') {
    return `${label} must be a real date`;
  }
  return `${label}: ${issue.message}`;
}

export type TParsedDecision =
  | { ok: true; decision: TDecision }
  | { ok: false; errors: TFieldError[] };

/** A submitted form → the decision, parsed by `ZDecision` exactly as the api parses a body. */
export function parseDecisionForm(type: TDecisionType, form: TForm): TParsedDecision {
  const fields = decisionFields(type);
  const body: Record<string, unknown> = { type };
  for (const field of fields) {
    const value = answerOf(field, form);
    if (value !== undefined) body[field.name] = value;
  }
  const parsed = ZDecision.safeParse(body);
  if (parsed.success) return { ok: true, decision: parsed.data };
  const errors: TFieldError[] = [];
  for (const issue of parsed.error.issues) {
    const name = issue.path.map(String).join('.');
    if (errors.some((error) => error.name === name)) continue;
    const field = findField(fields, name);
    const value = issue.path.reduce<unknown>(
      (at, key) =>
        at && typeof at === 'object' ? (at as Record<string, unknown>)[key as string] : undefined,
      body,
    );
    const href = `#${field?.kind === 'date' ? `${controlId(name)}-day` : controlId(name)}`;
    errors.push({ name, href, text: messageOf(field, issue, value) });
  }
  // In the order the form asks, as the GOV.UK error summary lists them.
  const order = flatNames(fields);
  const rank = (name: string) => {
    const index = order.findIndex(
      (candidate) => name === candidate || name.startsWith(`${candidate}.`),
    );
    return index === -1 ? order.length : index;
  };
  return { ok: false, errors: errors.sort((a, b) => rank(a.name) - rank(b.name)) };
}

function flatNames(fields: TField[]): string[] {
  return fields.flatMap((field) =>
    field.kind === 'fieldset'
      ? flatNames(field.fields)
      : field.kind === 'per-option'
        ? field.options.map((option) => `${field.name}.${option}`)
        : [field.name],
  );
}
