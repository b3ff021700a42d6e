import type { ReactNode } from 'react';

/** Label + control + help text + error, wired together for screen readers via ids. */
export function FormField({
  id,
  name,
  label,
  help,
  error,
  required,
  children,
}: {
  id: string;
  /** The control's name, echoed as data-field-error so tests can find a field's error. */
  name?: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required-mark" aria-hidden="true"> *</span>}
      </label>
      {children}
      {help && (
        <small className="help" id={`${id}-help`}>
          {help}
        </small>
      )}
      {error && (
        <small className="field-error" id={`${id}-error`} role="alert" data-field-error={name ?? id}>
          {error}
        </small>
      )}
    </div>
  );
}
