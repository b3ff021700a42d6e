import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AREAS, ConfigurationError, loadConfig } from '../config';
import { withConfigTables } from '../config/docs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const declared = new Set(Object.values(AREAS).flatMap((area) => Object.keys(area.variables)));

describe('loadConfig', () => {
  it('gives the defaults in milliseconds, and reads each duration with or without its unit', () => {
    const defaults = loadConfig({});
    expect(defaults.api.faultRepair.repairSlaMs).toBe(4 * 3_600_000);
    expect(defaults.api.devices.alarm.acknowledgeMs).toBe(60_000);
    expect(defaults.api.governance.vote.noticeMs).toBe(15 * 86_400_000);
    expect(defaults.api.accessControl.deviceRetry.initialIntervalMs).toBe(1000);
    for (const value of ['15', '15m', '900s', '900000ms', '0.25h', ' 15m ']) {
      expect(loadConfig({ SESSION_IDLE_MINUTES: value }).api.security.sessionIdleMs, value).toBe(900_000);
    }
    expect(loadConfig({ ARCHIVE_SWEEP_SECONDS: '5' }).api.archive.sweepIntervalMs).toBe(5000);
    expect(loadConfig({ VISITOR_PASS_MAX_DAYS: '2' }).api.accessControl.visitorPassMaxValidityMs).toBe(2 * 86_400_000);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '' }).api.security.sessionIdleMs).toBe(30 * 60_000);
  });

  it("keeps the workflows' inputs in the seconds their recorded histories carry", () => {
    const config = loadConfig({ PROCUREMENT_BID_WINDOW_MINUTES: '90', SUPPLIER_REVIEW_DUE_DAYS: '2d' });
    expect(config.worker.activities.procurement.bidWindowSeconds).toBe(5400);
    expect(config.api.suppliers.qualification.reviewDueSeconds).toBe(2 * 86_400);
  });

  it('reads flags, lists and the values of their own shape', () => {
    const config = loadConfig({
      SECURE_COOKIES: '1',
      STEWARD_SIMULATOR: 'off',
      ALLOWED_ORIGINS: 'https://a.example, ,https://b.example',
      TRUST_PROXY: '2',
      PROCUREMENT_WORKFLOW_TYPE: '',
      ACCESS_ROLE_HOURS: 'guard=22:00-06:00',
    });
    expect(config.api.secureCookies).toBe(true);
    expect(config.start.simulator.enabled).toBe(false);
    expect(config.api.security.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.api.trustProxy).toBe(2);
    expect(config.api.governance.procurementWorkflowType).toBeNull();
    expect(config.api.accessLog.offShift.shifts.guard).toEqual({ start: 22 * 60, end: 6 * 60 });
    expect(config.api.accessLog.offShift.shifts.technician).toEqual({ start: 7 * 60, end: 20 * 60 });
    expect(config.api.accessLog.offShift.shifts.owner).toBeUndefined();
  });

  it('refuses a wrong value, naming each variable and what it expected', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        return (error as ConfigurationError).problems;
      }
      throw new Error('accepted');
    };
    expect(problems({ ALARM_ACK_SECONDS: 'soon', SESSION_IDLE_MINUTES: '0', LOGIN_FAILURES_PER_USER: '2.5' })).toEqual([
      'SESSION_IDLE_MINUTES: expected a positive duration like 15m or 900000ms (a plain number counts as minutes)',
      'LOGIN_FAILURES_PER_USER: expected a positive whole number',
      'ALARM_ACK_SECONDS: expected a positive duration like 15m or 900000ms (a plain number counts as seconds)',
    ]);
    expect(problems({ SECURE_COOKIES: 'maybe' })).toEqual(['SECURE_COOKIES: expected on or off (1/0, true/false, yes/no)']);
    expect(problems({ TZ_COMMUNITY: 'Mars/Olympus' })).toEqual(['TZ_COMMUNITY: expected an IANA time zone like Asia/Shanghai']);
    expect(problems({ ACCESS_STAFF_HOURS: '7-20' })).toEqual(['ACCESS_STAFF_HOURS: expected a shift like 07:00-20:00']);
    expect(problems({ PROCUREMENT_WEIGHTS: '40,40' })).toEqual(['PROCUREMENT_WEIGHTS: expected three non-negative numbers price,technical,after-sales like 40,40,20']);
    expect(problems({ DATABASE_URL: 'localhost' })[0]).toMatch(/^DATABASE_URL: expected a URL/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: 'x' })).toThrow(/^invalid configuration:\n {2}SESSION_IDLE_MINUTES: expected/);
  });
});

describe('the configuration documents itself', () => {
  it("the README's tables are the schema's (npm run docs:config writes them)", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(withConfigTables(readme) === readme, 'README.md is stale: run npm run docs:config').toBe(true);
  });

  it('every variable has a description, and a default or what unset means', () => {
    for (const [name, schema] of Object.values(AREAS).flatMap((area) => Object.entries(area.variables))) {
      const meta = schema.meta() as { description?: string; default?: string; unset?: string };
      expect(meta.description, name).toBeTruthy();
      expect(meta.default !== undefined || meta.unset !== undefined, name).toBe(true);
    }
  });
});

/** Source files of the project (not dependencies, builds, data or results). */
function sources(dir = repoRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', '.git', 'dist', 'data', 'artifacts', 'results', 'replay'].includes(entry.name) ? [] : sources(file);
    }
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path.relative(repoRoot, file)] : [];
  });
}

const READS = [
  /process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /process\.env\[\s*['"`]([^'"`]+)['"`]\s*\]/g,
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /\benv\[\s*['"`]([^'"`]+)['"`]\s*\]/g,
  /\benv(?:Text|Number|List)\(\s*['"`]([^'"`]+)['"`]/g,
];

/** A read of the environment other than a spread into a child process's (`{ ...process.env, X: … }`). */
const DIRECT_READ = /process\.env(?:\.[A-Za-z_]|\[)/;

describe('no variable is read behind the schema', () => {
  const files = sources().filter((file) => !file.startsWith(`config${path.sep}`) && file !== path.join('test', 'config.test.ts'));

  it('every variable the code names is declared in config/schema.ts (benches: their own BENCH_* knobs, in docs/benchmarks.md)', () => {
    const benchDocs = readFileSync(path.join(repoRoot, 'docs/benchmarks.md'), 'utf8');
    const undeclared = files.flatMap((file) => {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      const names = new Set(READS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1])));
      return [...names]
        .filter((name) => !declared.has(name))
        .filter((name) => !(file.startsWith(`bench${path.sep}`) && name.startsWith('BENCH_') && benchDocs.includes(name)))
        .map((name) => `${file}: ${name}`);
    });
    expect(undeclared).toEqual([]);
  });

  it("only config/ reads process.env (and the benches' knob helper); every other module is handed its slice", () => {
    const readers = files.filter((file) => file !== path.join('bench', 'lib', 'common.ts'));
    expect(readers.filter((file) => DIRECT_READ.test(readFileSync(path.join(repoRoot, file), 'utf8')))).toEqual([]);
  });
});
