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
  /** Radios or checkboxes in a fieldset whose legend is the field's label. */
  const choices = (
    macro: 'govukRadios' | 'govukCheckboxes',
    field: { name: string; label: string; required?: boolean },
    items: { value: string; text: string; checked: boolean }[],
    extra: Record<string, unknown> = optional(field.required ?? true),
  ): TControl => ({
    macro,
    params: {
      name: field.name,
      idPrefix: controlId(field.name),
      ...legend(field.label),
      ...extra,
      items,
      ...errorOf(field.name),
    },
  });
  /** The params a labelled text control shares: name, id, label, the answer, its error. */
  const labelled = (name: string, label: string) => ({
    name,
    id: controlId(name),
    label: { text: label, classes: 'govuk-label--s' },
    value: text(answers[name]),
    ...errorOf(name),
  });
  const options = (values: string[], isChecked: (value: string) => boolean) =>
    values.map((value) => ({ value, text: inWords(value), checked: isChecked(value) }));
  const controls: TControl[] = [];
  for (const field of fields) {
    const id = controlId(field);
    const answer = text(answers[field.name]);
    switch (field.kind) {
      case 'yes-no':
        controls.push(
          choices(
            'govukRadios',
            field,
            ['yes', 'no'].map((value) => ({
              value,
              text: value === 'yes' ? 'Yes' : 'No',
              checked: answer === value,
            })),
            { classes: 'govuk-radios--inline', ...optional(field.required) },
          ),
        );
        break;
      case 'radios':
        controls.push(
          choices(
            'govukRadios',
            field,
            options(field.options, (value) => answer === value),
          ),
        );
        break;
      case 'checkboxes':
        controls.push(
          choices(
            'govukCheckboxes',
            field,
            options(field.options, (value) => chosen(answers[field.name]).includes(value)),
            field.min > 0
              ? { hint: { text: `Select at least ${field.min}` } }
              : optional(field.required),
          ),
        );
        break;
      case 'confirm':
        controls.push(
          choices(
            'govukCheckboxes',
            field,
            [{ value: 'yes', text: field.label, checked: answer === 'yes' }],
            {},
          ),
        );
        break;
      case 'textarea':
      case 'lines':
        controls.push({
          macro: 'govukTextarea',
          params: {
            ...labelled(field.name, field.label),
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
          },
        });
        break;
      case 'text':
      case 'number':
        controls.push({
          macro: 'govukInput',
          params: {
            ...labelled(field.name, field.label),
            ...optional(field.required),
            classes: field.kind === 'number' ? 'govuk-input--width-3' : 'govuk-!-width-one-half',
            ...(field.kind === 'number' ? { inputmode: 'numeric', spellcheck: false } : {}),
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
                ...labelled(`${field.name}.${option}`, inWords(option)),
                hint: { text: `Optional. At least ${field.minLength} characters.` },
                rows: 2,
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
