import type { ReactNode, TableHTMLAttributes } from 'react';

/**
 * A data table: a heading a column (none: no header row), then the caller's rows. It sits in a bordered box that
 * scrolls sideways on a narrow screen, unless `scroll` is off for a table that lives inside a card.
 */
export function DataTable({
  headings,
  scroll = true,
  className,
  children,
  ...table
}: { headings?: ReactNode[]; scroll?: boolean; children: ReactNode } & TableHTMLAttributes<HTMLTableElement>) {
  const element = (
    <table className={className ? `data-table ${className}` : 'data-table'} {...table}>
      {headings && (
        <thead>
          <tr>
            {headings.map((heading, index) => (
              <th key={index}>{heading}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{element}</div> : element;
}
