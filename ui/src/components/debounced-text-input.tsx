import { useEffect, useState, type InputHTMLAttributes } from 'react';

/** A text input that reports its value a moment after typing stops (for filters that hit the API). */
export function DebouncedTextInput({
  value,
  onCommit,
  delayMs = 350,
  ...inputProps
}: { value: string; onCommit: (value: string) => void; delayMs?: number } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>) {
  const [draft, setDraft] = useState(value);

  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => onCommit(draft.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs, onCommit]);

  return <input {...inputProps} value={draft} onChange={(event) => setDraft(event.target.value)} />;
}
