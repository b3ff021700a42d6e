import { useState } from 'react';
import type { ReplayVerdict } from '../../../../../contracts/processes';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { useI18n } from '../../../lib/i18n';
import { replayInstance } from '../api/processes-api';

/** "Does the current code reproduce this history?": the replay verdict, asked for on demand (it takes a moment). */
export function ReplayCheck({ workflowId }: { workflowId: string }) {
  const { t } = useI18n();
  const [running, setRunning] = useState(false);
  const [verdict, setVerdict] = useState<ReplayVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);

  const replay = () => {
    setRunning(true);
    setVerdict(null);
    setError(null);
    replayInstance(workflowId)
      .then(setVerdict, setError)
      .finally(() => setRunning(false));
  };

  return (
    <div className="card" data-testid="replay-check">
      <h2>{t('replay.title')}</h2>
      <p className="muted">{t('replay.explain')}</p>
      <button type="button" className="button-secondary" onClick={replay} disabled={running} data-testid="replay-button">
        {running ? t('replay.running') : t('replay.button')}
      </button>
      <ErrorBanner error={error} />
      {verdict && (
        <div className="replay-verdict" data-verdict={verdict.verdict}>
          {verdict.verdict === 'reproduces' ? (
            <p>
              <Badge tone="success">{t('replay.reproduces')}</Badge> {t('replay.reproducesDetail', { events: verdict.events })}
            </p>
          ) : (
            <>
              <p>
                <Badge tone="danger">{t('replay.diverges')}</Badge>
              </p>
              <KeyValueList
                entries={[
                  ...(verdict.run ? [[t('replay.run'), `${verdict.run} / ${verdict.runs}`] as [string, string]] : []),
                  [t('replay.eventId'), String(verdict.eventId)],
                  [t('replay.recorded'), verdict.recorded],
                  [t('replay.now'), verdict.now],
                ]}
              />
            </>
          )}
          {verdict.runs && <p className="muted">{t('replay.runs', { runs: verdict.runs })}</p>}
          {verdict.historySource === 'archive' && <p className="muted">{t('replay.fromArchive')}</p>}
        </div>
      )}
    </div>
  );
}
