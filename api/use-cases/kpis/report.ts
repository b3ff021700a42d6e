import type { ApiContext } from '../../context';
import type { KpiQuery, KpiReport } from '../../../contracts/kpis';
import { construction } from './construction';
import { periodOf } from './period';
import { platformUse } from './platform-use';
import { satisfaction } from './satisfaction';
import { serviceQuality } from './service-quality';
import { stability } from './stability';

/** P7.2a, P3.3c: every indicator family over one period (and building), each from its own use case. */
export async function kpiReport(ctx: ApiContext, query: KpiQuery): Promise<KpiReport> {
  const period = await periodOf(ctx, query);
  const [quality, stable, built, satisfied, used] = await Promise.all([
    serviceQuality(ctx, period),
    stability(ctx, period),
    construction(ctx, period),
    satisfaction(ctx, period),
    platformUse(ctx, period),
  ]);
  return {
    period: { ...period.days, building: period.building },
    serviceQuality: quality,
    stability: stable,
    construction: built,
    satisfaction: satisfied,
    platformUse: used,
  };
}
