import { useI18n } from '../lib/i18n';

/** Switches between zh-CN (default) and English; the choice is kept in localStorage. */
export function LanguageToggle() {
  const { t, language, setLanguage } = useI18n();
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="button-link language-toggle"
      lang={next}
      onClick={() => setLanguage(next)}
      data-testid="language-toggle"
    >
      {t('nav.switchLanguage')}
    </button>
  );
}
