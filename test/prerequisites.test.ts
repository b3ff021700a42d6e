import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { describeMissing, missingPrerequisites, type Probe } from '../scripts/prerequisites';

/** A machine with everything `npm test` needs, but what a test takes away. */
function fakeMachine(overrides: Partial<Probe> = {}): Probe {
  const outputs: Record<string, string> = {
    'apt-get': 'apt 2.6.1 (amd64)',
    'fc-list': 'Noto Sans CJK SC,Noto Sans CJK SC Regular\n',
    go: 'go version go1.26.8 linux/amd64\n',
  };
  return {
    isExecutable: async (file) => ['/usr/bin/chromium', '/usr/sbin/mosquitto', '/usr/bin/pgbackrest', '/usr/bin/restic', '/usr/bin/rclone', '/usr/bin/sqlite3'].includes(file),
    output: async (command) => outputs[command] ?? null,
    listening: async () => true,
    temporalCli: async () => '/home/dev/.cache/steward/temporal-cli-1.5.1/temporal',
    root: false,
    ...overrides,
  };
}

const config = loadConfig({ PATH: '/usr/local/bin:/usr/bin:/bin' });

describe('the prerequisites npm test checks first', () => {
  it('finds nothing missing on a machine that has it all', async () => {
    expect(await missingPrerequisites(config, fakeMachine())).toEqual([]);
  });

  it('names each missing one with the command that installs it', async () => {
    const bare = fakeMachine({
      isExecutable: async () => false,
      output: async (command) => (command === 'apt-get' ? 'apt 2.6.1 (amd64)' : null),
      listening: async () => false,
      temporalCli: async () => null,
    });
    const lines = describeMissing(await missingPrerequisites(config, bare));
    expect(lines).toEqual([
      'npm test cannot run here yet: 5 missing (nothing else was run).',
      '  ✗ Chromium: no browser at /usr/bin/chromium (browser tests). Run: sudo apt-get update && sudo apt-get install -y chromium   (or set CHROMIUM_PATH)',
      '  ✗ CJK fonts: fc-list finds no Noto Sans CJK (the UI and PDFs are Chinese). Run: sudo apt-get update && sudo apt-get install -y fonts-noto-cjk',
      '  ✗ MQTT broker: nothing listens on 127.0.0.1:1883 (device tests; TEST_MQTT_URL=mqtt://127.0.0.1:1883). Run: sudo apt-get update && sudo apt-get install -y mosquitto && mosquitto -d -p 1883',
      "  ✗ Backup tools: pgbackrest, restic, rclone, sqlite3 not on PATH (backup tests: pgBackRest, restic, the rclone off-site copy, SQLite's online copy). Run: sudo apt-get update && sudo apt-get install -y pgbackrest restic rclone sqlite3",
      expect.stringMatching(/^ {2}✗ Go: not on PATH, and the Temporal CLI is built with it once\. Run: curl -fsSL https:\/\/go\.dev\/dl\/go1\.25\.0\.linux-\w+\.tar\.gz \| sudo tar -C \/usr\/local -xz/),
    ]);
  });

  it('asks only for what is missing: a broker that is installed is started, a CLI that Go can build is not missing', async () => {
    const missing = await missingPrerequisites(config, fakeMachine({ listening: async () => false, temporalCli: async () => null }));
    expect(missing.map(({ what, fix }) => [what, fix])).toEqual([['MQTT broker', '/usr/sbin/mosquitto -d -p 1883']]);
  });

  it('refuses a Go too old to fetch the toolchain the CLI needs, and follows CHROMIUM_PATH', async () => {
    const oldGo = fakeMachine({ temporalCli: async () => null, output: async (command) => (command === 'go' ? 'go version go1.19.8 linux/amd64' : 'Noto Sans CJK SC') });
    const missing = await missingPrerequisites(loadConfig({ CHROMIUM_PATH: '/opt/chromium/chrome' }), { ...oldGo, root: true });
    expect(missing.map(({ what, why }) => `${what}: ${why}`)).toEqual(['Chromium: no browser at /opt/chromium/chrome (browser tests)', 'Go: go version go1.19.8 linux/amd64 is too old to build the Temporal CLI (1.21 or later)']);
    expect(missing[1].fix).toMatch(/^rm -rf \/usr\/local\/go && curl/);
  });
});
