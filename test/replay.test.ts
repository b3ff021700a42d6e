import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, inject } from 'vitest';
import { PROCESSES } from '../workflows/processes';

const replayDir = fileURLToPath(new URL('./replay/', import.meta.url));
const recorded = readdirSync(replayDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ name: file }));

describe('recorded histories replay against the current workflow code', () => {
  it('has recorded histories of every process', () => {
    const processes = new Set(recorded.map((history) => path.dirname(history.name)));
    expect([...processes].sort()).toEqual(PROCESSES.map((process) => process.name).sort());
  });

  it.each(recorded)('$name replays without nondeterminism', async ({ name }) => {
    const recording = JSON.parse(readFileSync(path.join(replayDir, name), 'utf8')) as { workflowId: string; history: unknown };
    const { workflowId } = recording;
    const history = historyFromJSON(recording.history);
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, [{ workflowId, history }]);
    for await (const result of results) {
      expect(result.error, `${name}: ${result.error?.message}`).toBeUndefined();
    }
  });
});

describe('the replay check has teeth', () => {
  it('names the divergence when the history does not match the code', async () => {
    const recording = JSON.parse(readFileSync(path.join(replayDir, 'fault-repair/general-path.json'), 'utf8')) as {
      workflowId: string;
      history: { events: Array<{ activityTaskScheduledEventAttributes?: { activityType: { name: string } } }> };
    };
    const scheduled = recording.history.events.find((event) => event.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes!.activityType.name = 'archiveSomethingElse';
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, [
      { workflowId: recording.workflowId, history: historyFromJSON(recording.history) },
    ]);
    for await (const result of results) {
      expect(result.error).toBeInstanceOf(DeterminismViolationError);
      expect(result.error?.message).toMatch(/archiveSomethingElse|storeRepairRecord/);
    }
  });
});
