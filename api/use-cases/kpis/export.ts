import ExcelJS from 'exceljs';
import type { KpiReport, Share } from '../../../contracts/kpis';
import { SYSTEM_LABELS } from '../../../contracts/labels';
import type { SystemKind } from '../../../contracts/vocabulary';
import { processNamed } from '../../../workflows/processes';
import { csvLine } from '../process-timeline-export';

export const KPI_HEADINGS = ['类别 Family', '对象 Subject', '步骤 Step', '指标 Indicator', '数值 Value', '计数 Count', '总数 Of'] as const;

type Row = [family: string, subject: string, step: string, indicator: string, value: number | null, count: number | null, of: number | null];

const round = (value: number | null, digits = 4) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const shareRow = (family: string, subject: string, step: string, indicator: string, share: Share): Row => [family, subject, step, indicator, round(share.rate), share.count, share.of];

/** The figures as rows people read: names in zh-CN, rates as fractions, durations in seconds. */
export function kpiRows(report: KpiReport): Row[] {
  const rows: Row[] = [];
  const quality = '服务质量 Service quality';
  for (const row of report.serviceQuality) {
    const definition = processNamed(row.process);
    const subject = definition?.title['zh-CN'] ?? row.process;
    const step = row.stepId ? (definition?.steps[row.stepId]?.label['zh-CN'] ?? row.stepId) : '';
    rows.push([quality, subject, step, '实例数 Instances', row.instances, null, null]);
    rows.push([quality, subject, step, '周期 p50 (秒) Cycle p50 (s)', round(row.cycleSeconds.p50, 1), null, null]);
    rows.push([quality, subject, step, '周期 p90 (秒) Cycle p90 (s)', round(row.cycleSeconds.p90, 1), null, null]);
    rows.push(shareRow(quality, subject, step, 'SLA 达标率 SLA compliance', row.sla));
    rows.push(shareRow(quality, subject, step, '返工率 Rework rate', row.rework));
    rows.push(shareRow(quality, subject, step, '升级率 Escalation rate', row.escalation));
  }
  const stable = '系统稳定 System stability';
  rows.push([stable, '全部 All', '', '设备可用率 Availability', round(report.stability.availability), null, null]);
  rows.push([stable, '全部 All', '', '故障数 Faults', report.stability.faults, null, null]);
  rows.push([stable, '全部 All', '', '平均修复时间 (秒) MTTR (s)', round(report.stability.mttrSeconds, 1), null, null]);
  for (const row of report.stability.bySystem) {
    const subject = SYSTEM_LABELS[row.system as SystemKind]?.['zh-CN'] ?? row.system;
    rows.push([stable, subject, '', '设备可用率 Availability', round(row.availability), null, row.devices]);
    rows.push([stable, subject, '', '故障数 Faults', row.faults, null, null]);
    rows.push([stable, subject, '', '平均修复时间 (秒) MTTR (s)', round(row.mttrSeconds, 1), null, null]);
  }
  const built = '工程建设 Construction';
  rows.push(shareRow(built, '项目交付 Deliveries', '', '按期率 On time', report.construction.onTime));
  rows.push([built, '项目交付 Deliveries', '', '预算内：未记录 On budget: not recorded', null, null, null]);
  const satisfied = '业主满意度 Owner satisfaction';
  rows.push([satisfied, '维修评价 Repair ratings', '', '平均分 Mean rating', round(report.satisfaction.mean, 2), report.satisfaction.ratings, null]);
  for (const { rating, count } of report.satisfaction.distribution) rows.push([satisfied, '维修评价 Repair ratings', '', `${rating} 星 ${rating} stars`, count, count, report.satisfaction.ratings]);
  rows.push(shareRow('平台使用 Platform use', '用户 Users', '', '活跃用户率 Active users', report.platformUse.activeUsers));
  return rows;
}

const periodLine = (report: KpiReport) => `期间 Period: ${report.period.from} – ${report.period.to}${report.period.building ? `, 楼栋 Building: ${report.period.building}` : ''}`;

/** CSV: UTF-8 with a byte-order mark, so spreadsheet programs show the Chinese as Chinese. */
export function kpiCsv(report: KpiReport): Buffer {
  const lines = [csvLine([periodLine(report)]), csvLine(KPI_HEADINGS), ...kpiRows(report).map((row) => csvLine(row.map((cell) => (cell === null ? '' : String(cell)))))];
  return Buffer.from(`\uFEFF${lines.join('')}`, 'utf8');
}

/** The same rows as an Excel workbook, numbers as numbers. */
export async function kpiWorkbook(report: KpiReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('KPI');
  sheet.addRow([periodLine(report)]);
  sheet.addRow([...KPI_HEADINGS]).font = { bold: true };
  for (const row of kpiRows(report)) sheet.addRow(row);
  sheet.columns.forEach((column, index) => (column.width = [22, 22, 22, 30, 12, 10, 10][index]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
