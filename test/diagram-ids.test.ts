/**
 * Every process folder under workflows/ that has a diagram.bpmn must agree with its steps.ts:
 * the same step ids, the same BPMN kinds, clause tags in the element names, and full DI so the
 * diagram renders. New processes are picked up automatically.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ModdleElement {
  $type: string;
  id: string;
  name?: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  diagrams?: { plane: { planeElement?: { bpmnElement?: ModdleElement }[] } }[];
}

interface Step {
  id: string;
  kind: string;
  clause: string;
}

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
}

/**
 * bpmn-moddle 10 has a named export only and ships no types for its main entry (just the
 * meta-model types under 'bpmn-moddle/types'), so it is imported through a string variable and
 * typed here; a literal specifier would fail `tsc` with TS7016.
 */
const BPMN_MODDLE = 'bpmn-moddle';
async function createModdle(): Promise<Moddle> {
  const { BpmnModdle } = (await import(BPMN_MODDLE)) as { BpmnModdle: new () => Moddle };
  return new BpmnModdle();
}

const WORKFLOWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../workflows');
const CLAUSE = /^P\d\.\d[a-z]?$/;
/** Steps are the tasks and events; gateways are routing only and carry no step id. */
const STEP_TYPE = /(Task|Event)$/;

const processDirs = fs
  .readdirSync(WORKFLOWS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(WORKFLOWS_DIR, d.name, 'diagram.bpmn')))
  .map((d) => d.name)
  .sort();

/** All flow elements, including those nested in sub-processes. */
function flowElementsOf(container: ModdleElement): ModdleElement[] {
  return (container.flowElements ?? []).flatMap((el) => [el, ...flowElementsOf(el)]);
}

async function loadDiagram(dir: string) {
  const xml = fs.readFileSync(path.join(WORKFLOWS_DIR, dir, 'diagram.bpmn'), 'utf8');
  const { rootElement, warnings } = await (await createModdle()).fromXML(xml);
  const processes = (rootElement.rootElements ?? []).filter((el) => el.$type === 'bpmn:Process');
  const elements = processes.flatMap(flowElementsOf);
  const diIds = new Set(
    (rootElement.diagrams ?? []).flatMap((d) => (d.plane.planeElement ?? []).map((pe) => pe.bpmnElement?.id)),
  );
  return { rootElement, warnings, processes, elements, diIds };
}

async function loadSteps(dir: string): Promise<Step[]> {
  const mod = (await import(pathToFileURL(path.join(WORKFLOWS_DIR, dir, 'steps.ts')).href)) as Record<string, unknown>;
  const steps = Object.values(mod).find((v): v is Record<string, Step> => typeof v === 'object' && v !== null);
  if (!steps) throw new Error(`${dir}/steps.ts exports no step object`);
  return Object.values(steps);
}

function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

describe('diagram ids match steps.ts', () => {
  it('finds at least one process diagram', () => {
    expect(processDirs.length).toBeGreaterThan(0);
  });

  describe.each(processDirs)('%s', (dir) => {
    it('parses without moddle warnings and has one process', async () => {
      const { warnings, processes } = await loadDiagram(dir);
      expect(warnings.map((w) => w.message)).toEqual([]);
      expect(processes).toHaveLength(1);
    });

    it('has the same step ids as steps.ts', async () => {
      const { elements } = await loadDiagram(dir);
      const steps = await loadSteps(dir);
      const diagramIds = new Set(elements.filter((el) => STEP_TYPE.test(el.$type)).map((el) => el.id));
      const stepIds = new Set(steps.map((s) => s.id));
      const onlyInDiagram = difference(diagramIds, stepIds);
      const onlyInSteps = difference(stepIds, diagramIds);
      expect(
        { onlyInDiagram, onlyInSteps },
        `diagram.bpmn and steps.ts differ: only in diagram ${JSON.stringify(onlyInDiagram)}, only in steps.ts ${JSON.stringify(onlyInSteps)}`,
      ).toEqual({ onlyInDiagram: [], onlyInSteps: [] });
    });

    it('gives every step a clause, the right kind, and the clause in the element name', async () => {
      const { elements } = await loadDiagram(dir);
      const steps = await loadSteps(dir);
      const byId = new Map(elements.map((el) => [el.id, el]));
      for (const step of steps) {
        expect(step.clause, `${step.id}: clause`).toMatch(CLAUSE);
        const el = byId.get(step.id);
        expect(el, `${step.id}: missing from diagram.bpmn`).toBeDefined();
        if (!el) continue;
        const type = el.$type.replace(/^bpmn:/, '');
        expect(step.kind, `${step.id}: kind vs BPMN type`).toBe(type.charAt(0).toLowerCase() + type.slice(1));
        expect(el.name ?? '', `${step.id}: name must contain [${step.clause}]`).toContain(`[${step.clause}]`);
      }
    });

    it('has DI for every flow node and sequence flow (renderable)', async () => {
      const { elements, diIds } = await loadDiagram(dir);
      const missing = elements.filter((el) => !diIds.has(el.id)).map((el) => el.id);
      expect(missing, `elements without BPMNShape/BPMNEdge: ${missing.join(', ')}`).toEqual([]);
    });
  });
});
