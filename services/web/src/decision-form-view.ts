import { controlId, inWords, type TField, type TFieldError } from './decision-form.ts';

/** One control of a generated form, as the GOV.UK macro and its params that render it. */
export type TControl =
  | {
      macro: 'govukRadios' | 'govukCheckboxes' | 'govukTextarea' | 'govukInput' | 'govukDateInput';
      params: Record<string, unknown>;
    }
  | { open: string }
  | { close: true };

type TAnswers = Record<string, unknown>;

const text = (value: unknown) =>
  Array.isArray(value) ? String(value[0] ?? '') : value === undefined ? '' : String(value);
const chosen = (value: unknown) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

/** The GOV.UK controls for a decision form, with the answers given and each field's error. */
export function formControls(
  fields: TField[],
  answers: TAnswers = {},
  errors: TFieldError[] = [],
): TControl[] {
  const errorOf = (name: string) => {
    const error = errors.find((candidate) => candidate.name === name);
    return error ? { errorMessage: { text: error.text } } : {};
  };
  const optional = (required: boolean) => (required ? {} : { hint: { text: 'Optional' } });
  const legend = (label: string) => ({
    fieldset: { legend: { text: label, classes: 'govuk-fieldset__legend--s' } },
  });
  const controls: TControl[] = [];
  for (const field of fields) {
    const id = controlId(field);
    switch (field.kind) {
      case 'yes-no':
        controls.push({
          macro: 'govukRadios',
          params: {
            name: field.name,
            idPrefix: id,
            classes: 'govuk-radios--inline',
            ...legend(field.label),
            ...optional(field.required),
            items: ['yes', 'no'].map((value) => ({
              value,
              text: value === 'yes' ? 'Yes' : 'No',
              checked: text(answers[field.name]) === value,
            })),
            ...errorOf(field.name),
          },
        });
        break;
      case 'radios':
        controls.push({
          macro: 'govukRadios',
          params: {
            name: field.name,
            idPrefix: id,
            ...legend(field.label),
            ...optional(field.required),
            items: field.options.map((value) => ({
              value,
              text: inWords(value),
              checked: text(answers[field.name]) === value,
            })),
            ...errorOf(field.name),
          },
        });
        break;
      case 'checkboxes':
        controls.push({
          macro: 'govukCheckboxes',
          params: {
            name: field.name,
            idPrefix: id,
            ...legend(field.label),
            ...(field.min > 0
              ? { hint: { text: `Select at least ${field.min}` } }
              : optional(field.required)),
            items: field.options.map((value) => ({
              value,
              text: inWords(value),
              checked: chosen(answers[field.name]).includes(value),
            })),
            ...errorOf(field.name),
          },
        });
        break;
      case 'confirm':
        controls.push({
          macro: 'govukCheckboxes',
          params: {
            name: field.name,
            idPrefix: id,
            ...legend(field.label),
            items: [
              { value: 'yes', text: field.label, checked: text(answers[field.name]) === 'yes' },
            ],
            ...errorOf(field.name),
          },
        });
        break;
      case 'textarea':
      case 'lines':
        controls.push({
          macro: 'govukTextarea',
          params: {
            name: field.name,
            id,
            label: { text: field.label, classes: 'govuk-label--s' },
            hint: {
              text: [
                field.required ? '' : 'Optional.',
                field.kind === 'textarea'
                  ? `At least ${field.minLength} characters.`
                  : 'One a line.',
              ]
                .filter(Boolean)
                .join(' '),
            },
            value: text(answers[field.name]),
            ...errorOf(field.name),
          },
        });
        break;
      case 'text':
      case 'number':
        controls.push({
          macro: 'govukInput',
          params: {
            name: field.name,
            id,
            label: { text: field.label, classes: 'govuk-label--s' },
            ...optional(field.required),
            value: text(answers[field.name]),
            classes: field.kind === 'number' ? 'govuk-input--width-3' : 'govuk-!-width-one-half',
            ...(field.kind === 'number' ? { inputmode: 'numeric', spellcheck: false } : {}),
            ...errorOf(field.name),
          },
        });
        break;
      case 'date': {
        const error = errors.find((candidate) => candidate.name === field.name);
        const part = (name: string, width: number) => ({
          name,
          classes: `govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`,
          value: text(answers[`${field.name}-${name}`]),
        });
        controls.push({
          macro: 'govukDateInput',
          params: {
            id,
            namePrefix: field.name,
            ...legend(field.label),
            hint: { text: `${field.required ? '' : 'Optional. '}For example, 27 3 2025` },
            items: [part('day', 2), part('month', 2), part('year', 4)],
            ...errorOf(field.name),
          },
        });
        break;
      }
      case 'fieldset':
        controls.push(
          { open: field.required ? field.label : `${field.label} (optional)` },
          ...formControls(field.fields, answers, errors),
          { close: true },
        );
        break;
      case 'per-option':
        controls.push(
          { open: field.label },
          ...field.options.map(
            (option): TControl => ({
              macro: 'govukTextarea',
              params: {
                name: `${field.name}.${option}`,
                id: controlId(`${field.name}.${option}`),
                label: { text: inWords(option), classes: 'govuk-label--s' },
                hint: { text: `Optional. At least ${field.minLength} characters.` },
                rows: 2,
                value: text(answers[`${field.name}.${option}`]),
                ...errorOf(`${field.name}.${option}`),
              },
            }),
          ),
          { close: true },
        );
        break;
    }
  }
  return controls;
}
