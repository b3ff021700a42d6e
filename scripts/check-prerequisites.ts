import { loadConfig } from '../config';
import { locateTemporalCli } from './dev-services/temporal-cli';
import { describeMissing, machineProbe, missingPrerequisites } from './prerequisites';

/**
 * First step of `npm test`: in a second or two, one line per missing prerequisite with the command that installs
 * it; then, when only the Temporal CLI is missing and Go is there, builds it (once, minutes, with progress).
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const probe = machineProbe(config);
  const missing = await missingPrerequisites(config, probe);
  if (missing.length) {
    for (const line of describeMissing(missing)) console.error(line);
    return 1;
  }
  if (!(await probe.temporalCli())) await locateTemporalCli(config.temporalCli, (line) => console.log(`[prerequisites] ${line}`));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
