/**
 * What the list of process definitions costs each workflow: the worker evaluates `workflows/index.ts` (and so
 * the whole list) afresh for every workflow it starts. The list and, as the baseline in the same process, the
 * one definition an alarm incident needs are bundled as the worker bundles them (each process's workflow
 * module left out: it is loaded only when that process runs) and evaluated repeatedly in a fresh module scope.
 *
 *   npm run bench:definitions
 *
 * Env: BENCH_EVALUATIONS (2000). Target: the whole list costs a workflow well under a millisecond.
 */
import { build, type Plugin } from 'esbuild';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { envNumber, fmt, log, machineNote, printTable, repoRoot, runBench, saveResults } from './lib/common';

const EVALUATIONS = envNumber('BENCH_EVALUATIONS', 2000);

/** Each process's workflow module stays out, as the dynamic import in its definition defers it. */
const withoutWorkflowModules: Plugin = {
  name: 'without-workflow-modules',
  setup(builder) {
    builder.onResolve({ filter: /\/workflow$/ }, (args) => ({ path: args.path, external: true }));
  },
};

async function bundled(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, entry)],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    external: ['zod', '@temporalio/*'],
    plugins: [withoutWorkflowModules],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Milliseconds per evaluation of the code in a fresh module scope (zod itself is shared, as a loaded library). */
function perEvaluation(code: string): number {
  const evaluate = new Function('require', 'module', 'exports', code) as (require: (name: string) => unknown, module: { exports: object }, exports: object) => void;
  const load = (name: string) => (name === 'zod' ? { z } : {});
  const run = () => {
    const module = { exports: {} };
    evaluate(load, module, module.exports);
    return module.exports;
  };
  for (let i = 0; i < 100; i += 1) run();
  const started = performance.now();
  for (let i = 0; i < EVALUATIONS; i += 1) run();
  return (performance.now() - started) / EVALUATIONS;
}

async function main(): Promise<void> {
  log(machineNote());
  const one = perEvaluation(await bundled('workflows/alarm-linkage/definition.ts'));
  const all = perEvaluation(await bundled('workflows/processes.ts'));
  printTable(
    ['evaluated per workflow', 'ms', 'ratio to one definition'],
    [
      ['one definition (alarm linkage, with fault repair\'s timings)', fmt(one, 3), '1.00'],
      ['the whole list (every process)', fmt(all, 3), fmt(all / one, 2)],
    ],
  );
  await saveResults('process-definitions', { evaluations: EVALUATIONS, oneMs: one, allMs: all });
}

runBench(main);
