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
      <FieldNotes id={id} name={name ?? id} help={help} error={error} />
    </div>
  );
}

/** A control's help text and error, with the ids its aria-describedby points at. */
export function FieldNotes({ id, name, help, error }: { id: string; name: string; help?: ReactNode; error?: string }) {
  return (
    <>
      {help && (
        <small className="help" id={`${id}-help`}>
          {help}
        </small>
      )}
      {error && (
        <small className="field-error" id={`${id}-error`} role="alert" data-field-error={name}>
          {error}
        </small>
      )}
    </>
  );
}
