import { useMemo, useState } from 'react';
import type { KpiReport, ServiceQualityRow, Share } from '../../../../../contracts/kpis';
import { SYSTEM_LABELS } from '../../../../../contracts/labels';
import type { SystemKind } from '../../../../../contracts/vocabulary';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { getKpis, kpiExportUrl, listBuildings, type KpiFilters } from '../api/kpis-api';
import { useKpiText } from '../text';
import { KpiChart, type ChartOption } from './kpi-chart';

const DAY_MS = 86_400_000;
/** Today in Beijing, as the API's days are the community's. */
const beijingDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 100) / 100);

/** P7.2a, P3.3c: the indicators over a period and building, as charts and figures, with their export. */
export function KpiDashboardPage() {
  const text = useKpiText();
  const [filters, setFilters] = useState<KpiFilters>({ from: beijingDay(-29), to: beijingDay(), building: '' });
  const report = useApiResource((signal) => getKpis(filters, signal), [filters.from, filters.to, filters.building]);
  const buildings = useApiResource((signal) => listBuildings(signal).catch(() => []), []);
  const set = (key: keyof KpiFilters) => (event: { target: { value: string } }) => setFilters((current) => ({ ...current, [key]: event.target.value }));

  return (
    <section className="kpi-page" data-testid="kpi-dashboard">
      <header className="page-header">
        <h1>{text('title')}</h1>
        <span className="downloads" role="group">
          <a className="button button-secondary" href={kpiExportUrl('csv', filters)} download data-testid="kpi-export-csv">
            {text('exportCsv')}
          </a>{' '}
          <a className="button button-secondary" href={kpiExportUrl('xlsx', filters)} download data-testid="kpi-export-xlsx">
            {text('exportXlsx')}
          </a>
        </span>
      </header>
      <p className="muted">{text('intro')}</p>
      <div className="filters kpi-filters">
        <label>
          {text('from')} <input type="date" value={filters.from} max={filters.to} onChange={set('from')} data-testid="kpi-from" />
        </label>
        <label>
          {text('to')} <input type="date" value={filters.to} min={filters.from} onChange={set('to')} data-testid="kpi-to" />
        </label>
        <label>
          {text('building')}{' '}
          <select value={filters.building} onChange={set('building')} data-testid="kpi-building">
            <option value="">{text('allBuildings')}</option>
            {(buildings.data ?? []).map((building) => (
              <option key={building.id} value={building.id}>
                {building.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {report.error ? <ErrorBanner error={report.error} /> : null}
      {report.data ? <Figures report={report.data} /> : report.error ? null : <Loading />}
    </section>
  );
}

function Figures({ report }: { report: KpiReport }) {
  const text = useKpiText();
  const { label, stepLabel, language, text: inLanguage } = useI18n();
  const processes = report.serviceQuality.filter((row) => row.stepId === null);
  const processName = (process: string) => label('process', process);
  const systemName = (system: string) => (SYSTEM_LABELS[system as SystemKind] ? inLanguage(SYSTEM_LABELS[system as SystemKind]) : system);
  const share = (value: Share) => (value.rate === null ? text('none') : `${percent(value.rate)}% (${value.count}/${value.of})`);
  const duration = (seconds: number | null) =>
    seconds === null ? text('none') : seconds < 3600 ? text('minutes', { n: Math.round(seconds / 60) }) : text('hours', { n: hours(seconds) ?? 0 });

  const charts = useMemo(() => {
    const names = processes.map((row) => processName(row.process));
    const bars = (name: string, data: Array<number | null>): NonNullable<ChartOption['series']> => [{ type: 'bar', name, data, label: { show: true, position: 'top' } }];
    const grid = { left: 48, right: 16, top: 40, bottom: 72, containLabel: false };
    const category = (data: string[]) => ({ type: 'category' as const, data, axisLabel: { interval: 0, rotate: data.length > 4 ? 30 : 0 } });
    const cycle: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: category(names),
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: text('p50'), data: processes.map((row) => hours(row.cycleSeconds.p50)) },
        { type: 'bar', name: text('p90'), data: processes.map((row) => hours(row.cycleSeconds.p90)) },
      ],
    };
    const rates: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: category(names),
      yAxis: { type: 'value', max: 100 },
      series: [
        { type: 'bar', name: text('sla'), data: processes.map((row) => percent(row.sla.rate)) },
        { type: 'bar', name: text('rework'), data: processes.map((row) => percent(row.rework.rate)) },
        { type: 'bar', name: text('escalation'), data: processes.map((row) => percent(row.escalation.rate)) },
      ],
    };
    const systems = report.stability.bySystem;
    const availability: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: category(systems.map((row) => systemName(row.system))),
      yAxis: [{ type: 'value', max: 100 }, { type: 'value' }],
      series: [
        { type: 'bar', name: `${text('availability')} %`, data: systems.map((row) => percent(row.availability)) },
        { type: 'bar', name: text('faults'), yAxisIndex: 1, data: systems.map((row) => row.faults) },
      ],
    };
    const ratings: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: category(report.satisfaction.distribution.map((row) => text('stars', { n: row.rating }))),
      yAxis: { type: 'value', minInterval: 1 },
      series: bars(text('ratings'), report.satisfaction.distribution.map((row) => row.count)),
    };
    return { cycle, rates, availability, ratings };
    // Drawn again when the figures or the language change, not on every render (text and label are new each time).
  }, [report, language]);

  return (
    <>
      <section className="kpi-section" data-testid="kpi-service-quality">
        <h2>{text('serviceQuality')}</h2>
        {processes.length === 0 ? (
          <p className="muted">{text('noInstances')}</p>
        ) : (
          <>
            <div className="kpi-charts">
              <KpiChart option={charts.cycle} label={text('cycleChart')} testId="kpi-chart-cycle" />
              <KpiChart option={charts.rates} label={text('ratesChart')} testId="kpi-chart-rates" />
            </div>
            <QualityTable rows={report.serviceQuality} processName={processName} stepName={stepLabel} share={share} duration={duration} />
          </>
        )}
      </section>
      <section className="kpi-section" data-testid="kpi-stability">
        <h2>{text('stability')}</h2>
        <dl className="kpi-tiles">
          <div>
            <dt>{text('availability')}</dt>
            <dd>{report.stability.availability === null ? text('none') : `${percent(report.stability.availability)}%`}</dd>
          </div>
          <div>
            <dt>{text('faults')}</dt>
            <dd>{report.stability.faults}</dd>
          </div>
          <div>
            <dt>{text('mttr')}</dt>
            <dd>{duration(report.stability.mttrSeconds)}</dd>
          </div>
        </dl>
        <div className="kpi-charts">
          <KpiChart option={charts.availability} label={`${text('availability')} / ${text('faults')}`} testId="kpi-chart-stability" />
        </div>
      </section>
      <section className="kpi-section" data-testid="kpi-construction">
        <h2>{text('construction')}</h2>
        <dl className="kpi-tiles">
          <div>
            <dt>{text('onTime')}</dt>
            <dd>{share(report.construction.onTime)}</dd>
          </div>
          <div>
            <dt>{text('onBudget')}</dt>
            <dd className="muted">{text('budgetNotRecorded')}</dd>
          </div>
        </dl>
        {report.period.building ? <p className="muted">{text('noBuilding')}</p> : null}
      </section>
      <section className="kpi-section" data-testid="kpi-satisfaction">
        <h2>{text('satisfaction')}</h2>
        <dl className="kpi-tiles">
          <div>
            <dt>{text('meanRating')}</dt>
            <dd>{report.satisfaction.mean === null ? text('none') : report.satisfaction.mean.toFixed(2)}</dd>
          </div>
          <div>
            <dt>{text('ratings')}</dt>
            <dd>{report.satisfaction.ratings}</dd>
          </div>
        </dl>
        <div className="kpi-charts">
          <KpiChart option={charts.ratings} label={text('ratingsChart')} testId="kpi-chart-ratings" />
        </div>
      </section>
      <section className="kpi-section" data-testid="kpi-platform-use">
        <h2>{text('platformUse')}</h2>
        <dl className="kpi-tiles">
          <div>
            <dt>{text('activeUsers')}</dt>
            <dd>
              {report.platformUse.activeUsers.rate === null ? text('none') : `${percent(report.platformUse.activeUsers.rate)}%`}{' '}
              <span className="muted">{text('ofAccounts', { count: report.platformUse.activeUsers.count, of: report.platformUse.activeUsers.of })}</span>
            </dd>
          </div>
        </dl>
        {report.period.building ? <p className="muted">{text('noBuilding')}</p> : null}
      </section>
    </>
  );
}

function QualityTable({
  rows,
  processName,
  stepName,
  share,
  duration,
}: {
  rows: ServiceQualityRow[];
  processName: (process: string) => string;
  stepName: (process: string, stepId: string) => string;
  share: (value: Share) => string;
  duration: (seconds: number | null) => string;
}) {
  const text = useKpiText();
  return (
    <table className="data-table kpi-table" data-testid="kpi-quality-table">
      <thead>
        <tr>
          <th>{text('process')}</th>
          <th>{text('step')}</th>
          <th>{text('instances')}</th>
          <th>{text('p50')}</th>
          <th>{text('p90')}</th>
          <th>{text('sla')}</th>
          <th>{text('rework')}</th>
          <th>{text('escalation')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.process}/${row.stepId ?? ''}`} className={row.stepId ? 'kpi-step-row' : 'kpi-process-row'}>
            <td>{row.stepId ? '' : processName(row.process)}</td>
            <td>{row.stepId ? stepName(row.process, row.stepId) : text('wholeProcess')}</td>
            <td>{row.instances}</td>
            <td>{duration(row.cycleSeconds.p50)}</td>
            <td>{duration(row.cycleSeconds.p90)}</td>
            <td>{share(row.sla)}</td>
            <td>{share(row.rework)}</td>
            <td>{share(row.escalation)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
