import type { Language } from '../../../../../contracts/language';

/**
 * A Schedule's cron expression in words ("每周日 02:00", "Sundays at 02:00"), for the forms a backup Schedule is
 * given in: daily, on some weekdays, monthly on a day, yearly on a date, hourly. Anything else is null: the page
 * then shows the expression as it is.
 */
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ZH_DAYS = ['日', '一', '二', '三', '四', '五', '六'];
const EN_DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const number = (field: string, min: number, max: number): number | null => {
  if (!/^\d{1,2}$/.test(field)) return null;
  const value = Number(field);
  return value >= min && value <= max ? value : null;
};

const weekday = (field: string): number | null => {
  const named = DAY_NAMES.indexOf(field.toLowerCase());
  if (named >= 0) return named;
  const value = number(field, 0, 7);
  return value === null ? null : value % 7;
};

/** The weekdays a day-of-week field names (lists and ranges), Monday first as a week is read, or null. */
function weekdays(field: string): number[] | null {
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (rest.length || from === undefined) return null;
    const start = weekday(from);
    const end = to === undefined ? start : weekday(to);
    if (start === null || end === null) return null;
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
}

/** Consecutive days as a range (Monday to Saturday), else as a list. */
function dayWords(days: number[], language: Language): string {
  const consecutive = days.length > 2 && days.every((day, at) => at === 0 || day === (days[at - 1]! + 1) % 7);
  if (language === 'zh-CN') return consecutive ? `每周${ZH_DAYS[days[0]!]}至周${ZH_DAYS[days.at(-1)!]}` : `每周${days.map((day) => ZH_DAYS[day]).join('、周')}`;
  const names = days.map((day) => EN_DAYS[day]!);
  if (consecutive) return `${names[0]} to ${names.at(-1)}`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const ordinal = (day: number) => `${day}${day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'}`;

export function cronWords(cron: string, language: Language): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minuteField, hourField, dayField, monthField, weekField] = fields as [string, string, string, string, string];
  const minute = number(minuteField, 0, 59);
  if (minute === null) return null;
  const zh = language === 'zh-CN';
  if (hourField === '*' && dayField === '*' && monthField === '*' && weekField === '*') return zh ? `每小时第 ${minute} 分` : `Hourly at ${minute} past`;
  const hour = number(hourField, 0, 23);
  if (hour === null) return null;
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (dayField === '*' && monthField === '*') {
    if (weekField === '*') return zh ? `每天 ${time}` : `Daily at ${time}`;
    const days = weekdays(weekField);
    if (!days) return null;
    if (days.length === 7) return zh ? `每天 ${time}` : `Daily at ${time}`;
    return zh ? `${dayWords(days, language)} ${time}` : `${dayWords(days, language)} at ${time}`;
  }
  const day = number(dayField, 1, 31);
  if (day === null || weekField !== '*') return null;
  if (monthField === '*') return zh ? `每月 ${day} 日 ${time}` : `On the ${ordinal(day)} of each month at ${time}`;
  const month = number(monthField, 1, 12);
  if (month === null) return null;
  return zh ? `每年 ${month} 月 ${day} 日 ${time}` : `Every year on ${EN_MONTHS[month - 1]} ${day} at ${time}`;
}
