import { useI18n } from '../../../lib/i18n';
import { useBackupsText } from '../text';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Sizes and durations as people read them: 12.4 MB, 1 分 05 秒. */
export function useAmounts() {
  const { language } = useI18n();
  const text = useBackupsText();
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return {
    bytes(value: number | null | undefined): string {
      if (value === null || value === undefined) return '—';
      let unit = 0;
      let scaled = value;
      while (scaled >= 1000 && unit < UNITS.length - 1) {
        scaled /= 1000;
        unit += 1;
      }
      return `${number.format(scaled)} ${UNITS[unit]}`;
    },
    duration(ms: number | null | undefined): string {
      if (ms === null || ms === undefined) return '—';
      if (ms < 60_000) return text('seconds', { s: number.format(ms / 1000) });
      const seconds = Math.round(ms / 1000);
      if (seconds < 3600) return text('minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
      return text('hours', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
    },
  };
}
