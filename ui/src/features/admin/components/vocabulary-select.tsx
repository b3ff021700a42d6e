import type { Label } from '../../../../../contracts/labels';
import { useI18n } from '../../../lib/i18n';

/** A choice among a vocabulary's values, each shown by its label in the reader's language. */
export function VocabularySelect<Value extends string>({
  id,
  name,
  values,
  labels,
  value,
  onChange,
}: {
  id: string;
  name: string;
  values: readonly Value[];
  labels: Record<Value, Label>;
  value: Value;
  onChange: (value: Value) => void;
}) {
  const { text: word } = useI18n();
  return (
    <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value as Value)}>
      {values.map((each) => (
        <option key={each} value={each}>
          {word(labels[each])}
        </option>
      ))}
    </select>
  );
}
