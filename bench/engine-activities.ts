/** The engine baseline's activity: returns at once, so only the engine's own cost is measured. */
export function createEngineBenchActivities() {
  return {
    async noop(): Promise<void> {},
  };
}
