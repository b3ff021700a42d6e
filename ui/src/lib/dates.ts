/**
 * Date and time inputs are in Beijing time, as every time the UI shows is (P-wide: the community's own clock), whatever
 * zone the browser is in: an auditor abroad or a phone set to another zone enters the time people on site mean.
 * Beijing has no daylight saving, so the offset is fixed.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The value an <input type="datetime-local"> shows for an instant, in Beijing time. */
export function toDateTimeLocal(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** An <input type="datetime-local"> value, read as Beijing time, as an ISO instant; null when empty or unreadable. */
export function fromDateTimeLocal(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local)) return null;
  const time = Date.parse(`${local}${local.length === 16 ? ':00' : ''}+08:00`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
