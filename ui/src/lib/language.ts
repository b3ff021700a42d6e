import { LANGUAGES, type Language } from '../../../contracts/language';

const STORAGE_KEY = 'steward.language';

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // storage unavailable: use the default
  }
  return 'zh-CN';
}

let current: Language = storedLanguage();

/** The language the UI shows, known outside React too: the API client asks for its answers in it. */
export const currentLanguage = (): Language => current;

/** Switches the language for this page and the next visits. */
export function rememberLanguage(language: Language): void {
  current = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // ignore: the choice just won't survive a reload
  }
}
