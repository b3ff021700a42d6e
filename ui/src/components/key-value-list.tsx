import type { ReactNode } from 'react';

export function KeyValueList({ entries }: { entries: [label: ReactNode, value: ReactNode, key?: string][] }) {
  return (
    <dl className="key-values">
      {entries.map(([label, value, key], index) => (
        <div key={key ?? index}>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
