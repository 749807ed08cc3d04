import { fieldFormName, MAX_FIELD_TEXT, MAX_FIELD_URL } from '../../domain/custom-fields.js';
import type { FieldDefinition } from '../../plugins/contract.js';
import type { ArticleFormValues } from '../../services/article-form.js';
import { Field } from './NewsroomLayout.js';

/** Required fields are checked from review on (domain/custom-fields.ts): the label says so, not a bare asterisk. */
const REQUIRED = ' (required to publish)';

/** The ids a field's input names as describing it: its hint and its message, when it has them. */
const describedBy = (name: string, hint: string | undefined, error: string | undefined): string | undefined =>
  [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter((id) => id !== null).join(' ') || undefined;

const Checkbox = ({ field, value, error }: { field: FieldDefinition; value: string; error: string | undefined }) => {
  const name = fieldFormName(field.name);
  return (
    <div class={error ? 'nr-field nr-field-error' : 'nr-field'}>
      <label>
        <input
          type="checkbox"
          id={name}
          name={name}
          value="on"
          checked={value === 'on'}
          aria-describedby={describedBy(name, field.hint, error)}
        />{' '}
        {field.label}
        {field.required ? REQUIRED : ''}
      </label>
      {field.hint ? (
        <p class="nr-hint" id={`${name}-hint`}>
          {field.hint}
        </p>
      ) : null}
      {error ? (
        <p class="nr-error" id={`${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
};

const CustomField = ({ field, value, error }: { field: FieldDefinition; value: string; error: string | undefined }) => {
  if (field.type === 'boolean') return <Checkbox field={field} value={value} error={error} />;
  const name = fieldFormName(field.name);
  const described = describedBy(name, field.hint, error);
  const label = `${field.label}${field.required ? REQUIRED : ''}`;
  return (
    <Field name={name} label={label} error={error} {...(field.hint ? { hint: field.hint } : {})}>
      {field.type === 'select' ? (
        <select id={name} name={name} aria-describedby={described}>
          <option value="">None</option>
          {(field.options ?? []).map((option) => (
            <option value={option} selected={option === value}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          type={field.type === 'url' ? 'url' : field.type === 'date' ? 'date' : 'text'}
          id={name}
          name={name}
          value={value}
          {...(field.type === 'date' ? {} : { maxLength: field.type === 'text' ? MAX_FIELD_TEXT : MAX_FIELD_URL })}
          aria-describedby={described}
        />
      )}
    </Field>
  );
};

/**
 * The loaded plugins' custom fields in the article editor, in one fieldset, with what was typed and each one's
 * message. Nothing at all without plugin fields, so the editor without plugins is the page it was.
 */
export const CustomFields = ({
  fields,
  values,
  errors,
}: {
  fields: readonly FieldDefinition[];
  values: ArticleFormValues;
  errors: Record<string, string>;
}) =>
  fields.length === 0 ? null : (
    <fieldset class="nr-custom-fields">
      <legend>Fields</legend>
      {fields.map((field) => (
        <CustomField
          field={field}
          value={values[fieldFormName(field.name)] ?? ''}
          error={errors[fieldFormName(field.name)]}
        />
      ))}
    </fieldset>
  );
