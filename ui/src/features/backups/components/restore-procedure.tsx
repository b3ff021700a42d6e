import type { ReactNode } from 'react';
import type { Label } from '../../../../../contracts/labels';
import { RESTORE_PREAMBLE, RESTORE_STEPS, RESTORE_TRY_MIGRATIONS } from '../../../../../contracts/restore-procedure';
import { useI18n } from '../../../lib/i18n';
import { useBackupsText } from '../text';

/** A procedure's text: what stands between backticks is a command, a path or a setting, shown as code. */
function Worded({ children }: { children: string }): ReactNode {
  return children.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

/** The operator's restore procedure (P5.2b), in the reader's language: the same text as docs/backups.md. */
export function RestoreProcedure() {
  const text = useBackupsText();
  const { text: word, language } = useI18n();
  const say = (value: Label) => <Worded>{word(value)}</Worded>;
  return (
    <div className="card restore-procedure" data-testid="restore-procedure">
      <h2>{text('procedure')}</h2>
      <p className="muted">{text('procedureNote')}</p>
      <p>{say(RESTORE_PREAMBLE)}</p>
      <ol>
        {RESTORE_STEPS.map((step, index) => (
          <li key={index}>
            <strong>{word(step.title)}</strong>
            {language === 'en' ? ' ' : ''}
            {say(step.text)}
          </li>
        ))}
      </ol>
      <p>{say(RESTORE_TRY_MIGRATIONS)}</p>
    </div>
  );
}
