/** The PostgreSQL channel the console's live stream listens on: the gateway and the alarm activities notify it. */
export const CONSOLE_CHANNEL = 'steward_console';
