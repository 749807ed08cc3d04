import { Field } from './NewsroomLayout.js';

/**
 * A one-line input in its Field: labelled, with its hint (when it has one) read out with it and its error beside it.
 * The input's id and name are the field's `name`.
 */
export const TextField = ({
  name,
  label,
  value,
  error,
  hint,
  type = 'text',
  autocomplete,
}: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'url';
  /** "off" where the browser's remembered entries would only get in the way (addresses typed once). */
  autocomplete?: 'off';
}) => (
  <Field name={name} label={label} error={error} {...(hint ? { hint } : {})}>
    <input
      type={type}
      id={name}
      name={name}
      value={value}
      aria-describedby={hint ? `${name}-hint` : undefined}
      autocomplete={autocomplete}
    />
  </Field>
);
