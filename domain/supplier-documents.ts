/**
 * P2.2a: a supplier's registry document is `expiring` within `warnMs` of its date and `expired` past it; the
 * registry pages and the re-qualification sweep read it the same way.
 */
export function documentState(expiresOn: string | null, now: Date, warnMs: number): 'valid' | 'expiring' | 'expired' {
  if (!expiresOn) return 'valid';
  const expiry = Date.parse(`${expiresOn}T23:59:59Z`);
  if (expiry < now.getTime()) return 'expired';
  return expiry - now.getTime() <= warnMs ? 'expiring' : 'valid';
}
