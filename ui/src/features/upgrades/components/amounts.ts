import { useI18n } from '../../../lib/i18n';
import { useUpgradesText } from '../text';

const UNITS = ['B', 'kB', 'MB', 'GB'];

/** Sizes and durations as people read them: 1.2 MB, 3.4 秒. */
export function useAmounts() {
  const { language } = useI18n();
  const text = useUpgradesText();
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return {
    bytes(value: number): string {
      let unit = 0;
      let scaled = value;
      while (scaled >= 1000 && unit < UNITS.length - 1) {
        scaled /= 1000;
        unit += 1;
      }
      return `${number.format(scaled)} ${UNITS[unit]}`;
    },
    duration(ms: number | null): string {
      if (ms === null) return '—';
      if (ms < 60_000) return text('seconds', { s: number.format(ms / 1000) });
      const seconds = Math.round(ms / 1000);
      return text('minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
    },
  };
}
