import { loadConfig } from '../config';
import { locateTemporalCli } from './dev-services/temporal-cli';

/** Makes sure the Temporal CLI is at hand (built with Go into the per-user cache the first time). */
locateTemporalCli(loadConfig().temporalCli)
  .then((cli) => console.log(`Temporal CLI: ${cli}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
