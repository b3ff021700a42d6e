/**
 * The list of definitions is the one registry: every process folder is in it with the same files, each
 * definition's workflow type is exported by its module, and a start with an input the process cannot take
 * is refused before anything reaches Temporal or the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scheduledStart, startProcess } from '../api/use-cases/start-process';
import { faultRepairProcess } from '../workflows/fault-repair/definition';
import { PERMISSIONS } from '../contracts/permissions';
import { PROCESSES } from '../workflows/processes';
import { quarterlyEvaluationRound } from '../workflows/supplier-evaluation/definition';

const WORKFLOWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../workflows');
const PROCESS_FILES = ['README.md', 'definition.ts', 'diagram.bpmn', 'messages.ts', 'steps.ts', 'workflow.ts'];

const folders = fs
  .readdirSync(WORKFLOWS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'lib')
  .map((entry) => entry.name)
  .sort();

describe('the list of process definitions', () => {
  it('holds every process folder once, under its folder name', () => {
    expect(PROCESSES.map((definition) => definition.name).sort()).toEqual(folders);
    expect(new Set(PROCESSES.map((definition) => definition.workflowType)).size).toBe(PROCESSES.length);
  });

  it("names who may start a process from the permission table: each start action starts its own process", () => {
    const startActions = Object.keys(PERMISSIONS).filter((action) => action.endsWith('.start'));
    const named = PROCESSES.flatMap((definition) => (definition.startAction ? [definition.startAction] : []));
    expect([...named].sort()).toEqual(startActions.sort());
    for (const definition of PROCESSES) if (definition.startAction) expect(definition.startAction).toBe(`${definition.name}.start`);
  });

  it.each(folders)('%s has the same files as every process', (folder) => {
    const files = fs.readdirSync(path.join(WORKFLOWS_DIR, folder));
    expect(PROCESS_FILES.filter((file) => !files.includes(file))).toEqual([]);
  });

  it.each(PROCESSES.map((definition) => [definition.name, definition] as const))('%s: its module exports the workflow types it names', async (_name, definition) => {
    const module = await definition.load();
    for (const workflowType of [definition.workflowType, ...(definition.companions ?? []).map((companion) => companion.workflowType)]) {
      expect(typeof module[workflowType], workflowType).toBe('function');
    }
    expect(definition.clauses.length).toBeGreaterThan(0);
    expect(definition.title['zh-CN']).not.toBe(definition.title.en);
  });
});

describe('typed starts check the input', () => {
  /** Any use of Temporal or the database fails the test: a refused start must not reach them. */
  const untouchable = new Proxy({} as never, {
    get: (_target, property) => {
      throw new Error(`a refused start touched ${String(property)}`);
    },
  });
  const starter = { temporal: untouchable, db: untouchable, taskQueue: 'never-used' };

  it('refuses an input the process cannot take, naming the field, before it reaches Temporal', async () => {
    const input = { report: { occurredAt: 'yesterday' }, timings: {}, priority: 50 } as never;
    const refusal = startProcess(starter, faultRepairProcess, { workflowId: faultRepairProcess.workflowId('refused'), input, title: 'refused', startedBy: null });
    await expect(refusal).rejects.toBeInstanceOf(TypeError);
    await expect(refusal).rejects.toThrow(/faultRepair: invalid input: report\.occurredAt/);
  });

  it("checks a Schedule's input too, and names the companion's type", () => {
    const input = { timings: {}, policy: {}, periodMs: -1 } as never;
    expect(() => scheduledStart(quarterlyEvaluationRound, { workflowId: 'round', input, taskQueue: 'q' })).toThrow(/quarterlySupplierEvaluation: invalid input: .*periodMs/);
  });
});
