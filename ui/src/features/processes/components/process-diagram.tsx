import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import { useEffect, useRef, useState } from 'react';
import type { ProcessHeatmap } from '../../../../../contracts/kpis';
import type { ProcessInstanceDetail } from '../../../../../contracts/processes';
import { STEP_STATUSES } from '../../../../../contracts/vocabulary';
import { ErrorBanner } from '../../../components/error-banner';
import { useI18n } from '../../../lib/i18n';

/** The few diagram-js services used here, typed as narrowly as we need them. */
interface Canvas {
  zoom(level: 'fit-viewport', center?: 'auto'): number;
  addMarker(elementId: string, marker: string): void;
}
interface ElementRegistry {
  get(elementId: string): unknown;
}
interface Overlays {
  add(elementId: string, type: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: string }): string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** How many shades the heatmap has: a step's median time spent, against the longest step's, picks one. */
export const HEAT_LEVELS = 5;

/** A step's shade: 0 for the quickest (or unmeasured), HEAT_LEVELS − 1 for the slowest. */
function heatLevel(seconds: number | null, longest: number): number {
  if (seconds === null || longest <= 0) return 0;
  return Math.min(HEAT_LEVELS - 1, Math.floor((seconds / longest) * HEAT_LEVELS));
}

/**
 * The process definition drawn read-only, each step marked `step-<status>` and badged with how many
 * times the instance visited it, and, for a process that moves many items through its steps (an upgrade's devices),
 * with how many are there in each state, the states worded by the process's `state` options; with a heatmap, each
 * step is shaded `heat-<level>` by its median time spent over the period's instances and badged with how often they
 * entered it.
 */
export function ProcessDiagram({ xml, steps, process, heatmap, visitsTitle }: { xml: string; steps: ProcessInstanceDetail['steps']; process: string; heatmap?: ProcessHeatmap; visitsTitle?: string }) {
  const { t, vocabulary, text } = useI18n();
  const stateOptions = vocabulary(process).state?.options;
  const containerRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const viewer = new NavigatedViewer({ container });
    let disposed = false;
    setError(null);

    viewer.importXML(xml).then(
      () => {
        if (disposed) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        const overlays = viewer.get<Overlays>('overlays');
        canvas.zoom('fit-viewport', 'auto');
        if (heatmap) {
          const longest = Math.max(0, ...heatmap.steps.map((step) => step.seconds.p50 ?? 0));
          for (const step of heatmap.steps) {
            if (!registry.get(step.stepId)) continue;
            const level = heatLevel(step.seconds.p50, longest);
            canvas.addMarker(step.stepId, `heat-${level}`);
            overlays.add(step.stepId, 'heat-count', {
              position: { top: -10, right: 10 },
              html: `<div class="heat-count" data-step="${escapeHtml(step.stepId)}" data-level="${level}" title="${escapeHtml(visitsTitle ?? '')}">${step.visits}</div>`,
            });
          }
          return;
        }
        for (const [stepId, step] of Object.entries(steps)) {
          if (!registry.get(stepId)) continue;
          canvas.addMarker(stepId, `step-${step.status}`);
          if (step.visits >= 1) {
            overlays.add(stepId, 'visit-count', {
              position: { top: -10, right: 10 },
              html: `<div class="visit-count" data-step="${escapeHtml(stepId)}" title="${escapeHtml(t('instance.visits'))}">${step.visits}</div>`,
            });
          }
          const counted = Object.entries(step.counts ?? {}).filter(([, count]) => count > 0);
          if (counted.length > 0) {
            const words = counted.map(([state, count]) => `<span data-state="${escapeHtml(state)}" data-count="${count}">${escapeHtml(stateOptions?.[state] ? text(stateOptions[state]) : state)} ${count}</span>`);
            overlays.add(stepId, 'step-counts', {
              position: { bottom: -6, left: 0 },
              html: `<div class="step-counts" data-step="${escapeHtml(stepId)}">${words.join(' · ')}</div>`,
            });
          }
        }
      },
      (failure: unknown) => {
        if (!disposed) setError(failure);
      },
    );

    return () => {
      disposed = true;
      viewer.destroy();
    };
  }, [xml, steps, heatmap, visitsTitle, t, text, stateOptions]);

  return (
    <div className="process-diagram-wrapper">
      {error ? <ErrorBanner error={new Error(t('instance.diagramError'))} /> : null}
      <div className="process-diagram" ref={containerRef} data-testid="process-diagram" />
      {heatmap ? null : (
        <ul className="diagram-legend">
          {STEP_STATUSES.map((status) => (
            <li key={status}>
              <span className={`legend-swatch legend-${status}`} aria-hidden="true" /> {t(`stepStatus.${status}`)}
            </li>
          ))}
          <li>
            <span className="visit-count legend-visit" aria-hidden="true">
              n
            </span>{' '}
            {t('instance.visits')}
          </li>
        </ul>
      )}
    </div>
  );
}
