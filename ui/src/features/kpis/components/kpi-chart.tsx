import { useEffect, useRef, useState } from 'react';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useKpiText } from '../text';

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One bar chart: ECharts is fetched the first time a chart is shown, and the chart follows its box's width. */
export function KpiChart({ option, label, testId }: { option: ChartOption; label: string; testId: string }) {
  const text = useKpiText();
  const boxRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    let disposed = false;
    let dispose = () => {};
    import('./echarts').then(
      ({ echarts }) => {
        if (disposed) return;
        const chart = echarts.init(box, undefined, { renderer: 'svg' });
        chart.setOption(option);
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(box);
        dispose = () => {
          resize.disconnect();
          chart.dispose();
        };
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      dispose();
    };
  }, [option]);

  return (
    <figure className="kpi-chart">
      <figcaption>{label}</figcaption>
      {failed ? <p className="error-text">{text('chartError')}</p> : <div ref={boxRef} className="kpi-chart-box" role="img" aria-label={label} data-testid={testId} />}
    </figure>
  );
}
