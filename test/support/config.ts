import { loadConfig } from '../../config';

/**
 * This machine's test services and tools, from the environment: TEST_DATABASE_URL, TEST_MQTT_URL, CHROMIUM_PATH
 * and where the Temporal CLI is. What the stacks run with is `loadConfig({…})` of the defaults and a test's own
 * variables, so nothing set in the shell changes what a test sees.
 */
export const MACHINE = loadConfig();
