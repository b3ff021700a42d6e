import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { SYSTEM_LABELS } from '../../../../../contracts/labels';
import type { UpgradePlanSummary } from '../../../../../contracts/upgrades';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { assessNow, listPlans, listProposals, listReleases } from '../api/upgrades-api';
import { PLAN_STATUS_TONE, PRIORITY_TONE, RISK_TONE, useUpgradesText } from '../text';
import { FirmwareReleases } from './firmware-releases';

/** While a plan runs (or an assessment was asked for), the page asks again this often. */
const REFRESH_MS = 3000;
const ACTIVE: ReadonlyArray<UpgradePlanSummary['status']> = ['approved', 'running', 'paused'];

/** How many of a plan's devices are in each state, worded. */
export function DeviceCounts({ counts }: { counts: UpgradePlanSummary['counts'] }) {
  const text = useUpgradesText();
  return (
    <span className="device-counts" data-testid="device-counts">
      {counts.map((entry) => (
        <span key={entry.state} data-state={entry.state} data-count={entry.count}>
          {text(`state.${entry.state}`)} {entry.count}
        </span>
      ))}
    </span>
  );
}

/**
 * P3.3a: the assessment's proposals (with "assess now"), the upgrade plans (a plan drafted from here) and the
 * registered firmware releases (registered from here by those who may).
 */
export function UpgradesPage({
  canDraft,
  canRegister,
  planLink,
  draftPlanPath,
}: {
  canDraft: boolean;
  canRegister: boolean;
  planLink: (planId: string) => string;
  draftPlanPath: string;
}) {
  const text = useUpgradesText();
  const { formatDateTime, text: inLanguage } = useI18n();
  const proposals = useApiResource((signal) => listProposals(signal), []);
  const plans = useApiResource((signal) => listPlans(signal), []);
  const releases = useApiResource((signal) => listReleases(signal), []);
  const assessment = useAction();
  const [assessed, setAssessed] = useState(false);

  const planActive = plans.data?.items.some((plan) => ACTIVE.includes(plan.status)) ?? false;
  const { reload: reloadPlans, loading: plansLoading } = plans;
  const { reload: reloadProposals } = proposals;
  useEffect(() => {
    if ((!planActive && !assessed) || plansLoading) return;
    const timer = setTimeout(() => {
      reloadPlans();
      if (assessed) reloadProposals();
    }, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [planActive, assessed, plansLoading, reloadPlans, reloadProposals]);

  return (
    <section className="upgrades-page">
      <header className="page-header">
        <h1>{text('title')}</h1>
        {canDraft && (
          <Link className="button button-primary" to={draftPlanPath} data-testid="draft-plan">
            {text('draftPlan')}
          </Link>
        )}
      </header>
      <p className="muted">{text('intro')}</p>

      <div className="card" data-testid="upgrade-proposals">
        <h2>{text('proposals')}</h2>
        <p className="muted">{text('proposalsNote')}</p>
        {canDraft && (
          <div className="form-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={assessment.busy}
              data-testid="assess-now"
              onClick={() =>
                void assessment.run(async () => {
                  await assessNow();
                  setAssessed(true);
                })
              }
            >
              {text('assessNow')}
            </button>
          </div>
        )}
        {assessed && (
          <p className="banner banner-info" data-testid="assess-started">
            {text('assessStarted')}
          </p>
        )}
        <ErrorBanner error={assessment.error ?? proposals.error} />
        {!proposals.data ? (
          !proposals.error && <Loading />
        ) : proposals.data.items.length === 0 ? (
          <p className="muted">{text('noProposals')}</p>
        ) : (
          <DataTable headings={[text('device'), text('system'), text('model'), text('currentVersion'), text('proposedVersion'), text('priority'), text('openFaults'), text('age'), text('assessedAt')]}>
            {proposals.data.items.map((proposal) => (
              <tr key={proposal.deviceId} data-testid="upgrade-proposal" data-device-id={proposal.deviceId} data-priority={proposal.priority}>
                <td>
                  {proposal.name}
                  {proposal.openPlanId && (
                    <>
                      {' '}
                      <Link to={planLink(proposal.openPlanId)}>
                        <Badge tone="info">{text('inPlan')}</Badge>
                      </Link>
                    </>
                  )}
                </td>
                <td>{inLanguage(SYSTEM_LABELS[proposal.system])}</td>
                <td>{proposal.model}</td>
                <td className="nowrap">{proposal.currentVersion}</td>
                <td className="nowrap">{proposal.version}</td>
                <td>
                  <Badge tone={PRIORITY_TONE[proposal.priority]}>{text(`priority.${proposal.priority}`)}</Badge>
                </td>
                <td>{proposal.openFaults}</td>
                <td className="nowrap">{proposal.currentAgeDays === null ? '—' : text('days', { n: proposal.currentAgeDays })}</td>
                <td className="nowrap">{formatDateTime(proposal.assessedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>

      <div className="card" data-testid="upgrade-plans">
        <h2>{text('plans')}</h2>
        <ErrorBanner error={plans.error} />
        {!plans.data ? (
          !plans.error && <Loading />
        ) : plans.data.items.length === 0 ? (
          <p className="muted">{text('noPlans')}</p>
        ) : (
          <DataTable headings={[text('plan'), text('status'), text('risk'), text('window'), text('devices'), text('deviceStates'), text('draftedBy')]}>
            {plans.data.items.map((plan) => (
              <tr key={plan.id} data-testid="upgrade-plan-row" data-plan-id={plan.id} data-status={plan.status}>
                <td>
                  <Link to={planLink(plan.id)}>{plan.title}</Link>
                </td>
                <td>
                  <Badge tone={PLAN_STATUS_TONE[plan.status]}>{text(`status.${plan.status}`)}</Badge>
                </td>
                <td>
                  <Badge tone={RISK_TONE[plan.risk]}>{text(`risk.${plan.risk}`)}</Badge>
                </td>
                <td>{text('windowRange', { from: formatDateTime(plan.windowStartsAt), to: formatDateTime(plan.windowEndsAt) })}</td>
                <td>{plan.deviceCount}</td>
                <td>
                  <DeviceCounts counts={plan.counts} />
                </td>
                <td>{plan.draftedByName}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>

      <div className="card" data-testid="firmware-releases">
        <h2>{text('releases')}</h2>
        <ErrorBanner error={releases.error} />
        {!releases.data ? !releases.error && <Loading /> : <FirmwareReleases releases={releases.data.items} canRegister={canRegister} onRegistered={releases.reload} />}
      </div>
    </section>
  );
}
