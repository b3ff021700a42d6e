import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { forbidden } from './problem';

/**
 * Security headers (M1): no framing (the ballot and approvals cannot be clickjacked), scripts only from
 * our origin, no MIME sniffing of served files, no referrer leaking instance ids; HSTS once cookies are
 * secure, because then the site is served over TLS.
 */
export function securityHeaders(secure: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React style attributes and bpmn-js's injected styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Previews of a photo being uploaded are data: URLs.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF (M1): a state-changing request from a browser must come from our own origin (or one configured
 * in ALLOWED_ORIGINS). Browsers send Origin on every POST, bodyless ones included, and Sec-Fetch-Site
 * where Origin is withheld; SameSite=Lax alone lets a sibling port or subdomain through. Clients that
 * send neither (devices, scripts) are not browsers riding a user's cookie.
 */
export function sameOriginWrites(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!WRITES.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const allowed = origin !== undefined ? allowedOrigins.includes(origin) || hostOf(origin) === req.get('host') : site === undefined || site === 'same-origin' || site === 'none';
    next(allowed ? undefined : forbidden('request.cross-site', [{ field: 'origin', message: 'cross-site', params: { origin: origin ?? `sec-fetch-site: ${site}` } }]));
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Failures per key (a device id, an address) within a sliding window, kept in memory: enough to stop
 * one API instance from answering a flood of guesses with a database query each (H6). Bounded, so a
 * flood of made-up keys cannot grow it without end.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? (recent[0] + this.windowMs - now) / 1000 : 0;
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, recent);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}
