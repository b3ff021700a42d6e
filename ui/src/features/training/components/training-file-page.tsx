import { Link, useParams } from 'react-router';
import { DEPARTMENT_LABELS, SYSTEM_LABELS } from '../../../../../contracts/labels';
import { ROLE_TITLES, type Role } from '../../../../../contracts/permissions';
import type { TrainingFile, TrainingFileEntry } from '../../../../../contracts/training';
import type { SystemKind } from '../../../../../contracts/vocabulary';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { certificateUrl, getTrainingFile } from '../api/training-api';
import { useTrainingOption, useTrainingText } from '../text';
import { SecurityBadge } from './security-badge';

/**
 * P6.3a: a person's training file: sessions, certificates with expiry, exam and practical scores, completed courses
 * and the skills last assessed; P5.3a: where their security course stands and what it closes while not valid.
 */
export function TrainingFilePage({ filesPath }: { filesPath?: string }) {
  const { userId = '' } = useParams();
  const text = useTrainingText();
  const { text: word } = useI18n();
  const file = useApiResource((signal) => getTrainingFile(userId, signal), [userId]);
  const data = file.data;
  return (
    <section className="training-file-page">
      <header className="page-header">
        <h1>{data ? text('fileTitle', { name: data.displayName }) : text('filesTitle')}</h1>
        {filesPath && <Link to={filesPath}>{text('backToFiles')}</Link>}
      </header>
      <ErrorBanner error={file.error} />
      {!data ? (
        !file.error && <Loading />
      ) : (
        <>
          <div className="card" data-testid="training-security">
            <KeyValueList
              entries={[
                [text('department'), data.department && data.department in DEPARTMENT_LABELS ? word(DEPARTMENT_LABELS[data.department as keyof typeof DEPARTMENT_LABELS]) : '—'],
                [text('role'), data.roles.map((role) => (role in ROLE_TITLES ? word(ROLE_TITLES[role as Role]) : role)).join('、')],
                [text('security'), <SecurityBadge key="security" security={data.security} />],
              ]}
            />
            {!data.security.valid && (
              <p className="banner banner-error" data-testid="security-blocked">
                {text('securityBlocked')}
              </p>
            )}
          </div>
          <Completions file={data} />
          <Certificates file={data} />
          <Scores file={data} />
          <Sessions file={data} />
          <Skills file={data} />
        </>
      )}
    </section>
  );
}

function Section({ title, testId, empty, headings, children }: { title: string; testId: string; empty: boolean; headings: string[]; children: React.ReactNode }) {
  const text = useTrainingText();
  return (
    <div className="card" data-testid={testId}>
      <h2>{title}</h2>
      {empty ? <p className="muted">{text('none')}</p> : <DataTable headings={headings}>{children}</DataTable>}
    </div>
  );
}

function Expiry({ entry }: { entry: TrainingFileEntry }) {
  const text = useTrainingText();
  const { formatDate } = useI18n();
  if (!entry.expiresAt) return <>{text('noExpiry')}</>;
  return (
    <>
      {formatDate(entry.expiresAt)} {entry.expired && <Badge tone="danger">{text('expired')}</Badge>}
    </>
  );
}

function Completions({ file }: { file: TrainingFile }) {
  const text = useTrainingText();
  const option = useTrainingOption();
  const { formatDate } = useI18n();
  return (
    <Section title={text('completions')} testId="training-completions" empty={!file.completions.length} headings={[text('course'), text('topic'), text('date'), text('expiresAt')]}>
      {file.completions.map((entry) => (
        <tr key={entry.id}>
          <td>{entry.courseTitle}</td>
          <td>{option('topic', entry.topic)}</td>
          <td>{formatDate(entry.completedAt)}</td>
          <td>
            <Expiry entry={entry} />
          </td>
        </tr>
      ))}
    </Section>
  );
}

function Certificates({ file }: { file: TrainingFile }) {
  const text = useTrainingText();
  return (
    <Section title={text('certificates')} testId="training-certificates" empty={!file.certificates.length} headings={[text('course'), text('expiresAt'), text('file')]}>
      {file.certificates.map((entry) => (
        <tr key={entry.id}>
          <td>{entry.courseTitle}</td>
          <td>
            <Expiry entry={entry} />
          </td>
          <td>
            {entry.certificateId && (
              <a href={certificateUrl(entry.certificateId)} target="_blank" rel="noreferrer">
                {text('download')}
              </a>
            )}
          </td>
        </tr>
      ))}
    </Section>
  );
}

function Scores({ file }: { file: TrainingFile }) {
  const text = useTrainingText();
  const option = useTrainingOption();
  const { formatDate } = useI18n();
  return (
    <Section title={text('scores')} testId="training-scores" empty={!file.scores.length} headings={[text('course'), text('kind'), text('score'), '', text('date')]}>
      {file.scores.map((entry) => (
        <tr key={entry.id} data-kind={entry.kind}>
          <td>{entry.courseTitle}</td>
          <td>{option('kind', entry.kind)}</td>
          <td>{entry.score}</td>
          <td>{entry.passed ? <Badge tone="success">{text('passed')}</Badge> : <Badge tone="danger">{text('failed')}</Badge>}</td>
          <td>{formatDate(entry.completedAt)}</td>
        </tr>
      ))}
    </Section>
  );
}

function Sessions({ file }: { file: TrainingFile }) {
  const text = useTrainingText();
  const option = useTrainingOption();
  const { formatDate } = useI18n();
  return (
    <Section title={text('sessions')} testId="training-sessions" empty={!file.sessions.length} headings={[text('course'), text('method'), text('date'), text('attended')]}>
      {file.sessions.map((entry) => (
        <tr key={entry.id}>
          <td>{entry.courseTitle}</td>
          <td>{option('method', entry.method)}</td>
          <td>{formatDate(entry.completedAt)}</td>
          <td>{entry.attended ? text('present') : text('absent')}</td>
        </tr>
      ))}
    </Section>
  );
}

function Skills({ file }: { file: TrainingFile }) {
  const text = useTrainingText();
  const { text: word } = useI18n();
  return (
    <Section title={text('skills')} testId="training-skills" empty={!file.skills.length} headings={[text('year'), text('system'), text('role'), text('level'), text('need')]}>
      {file.skills.map((row, index) => (
        <tr key={index}>
          <td>{row.year}</td>
          <td>{row.system in SYSTEM_LABELS ? word(SYSTEM_LABELS[row.system as SystemKind]) : row.system}</td>
          <td>{row.role in ROLE_TITLES ? word(ROLE_TITLES[row.role as Role]) : row.role}</td>
          <td>{row.level}</td>
          <td>{row.need ?? '—'}</td>
        </tr>
      ))}
    </Section>
  );
}
