import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../../contracts/language';
import { ROLE_TITLES, type Role } from '../../../contracts/permissions';
import { currentLanguage, rememberLanguage } from './language';
import { messagesEn } from './messages-en';
import { messagesZhCn, type MessageKey } from './messages-zh-cn';

export type { Language };

const dictionaries: Record<Language, Record<string, string>> = { 'zh-CN': messagesZhCn, en: messagesEn };

type Vars = Record<string, string | number>;

/** A process as the API's catalogue (GET /process-definitions) names it: the one source of process labels. */
export interface ProcessTitle {
  name: string;
  title: Record<Language, string>;
}

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** Translates a known key, filling {placeholders} from vars. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** Translates `${group}.${id}` if the dictionary knows it, else returns the fallback (or the id). */
  label: (group: 'role' | 'process' | 'step' | 'event' | 'system', id: string, fallback?: string) => string;
  /** Takes the process titles from the API's catalogue. */
  setProcessTitles: (processes: ProcessTitle[]) => void;
  formatDateTime: (iso: string | null | undefined) => string;
  /** Joins items the way the language lists things ("a、b" / "a, b"). */
  formatList: (items: string[]) => string;
}

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(currentLanguage);
  const [processTitles, setProcessTitleList] = useState<ReadonlyMap<string, Record<Language, string>>>(new Map());
  const setProcessTitles = useCallback((processes: ProcessTitle[]) => setProcessTitleList(new Map(processes.map((process) => [process.name, process.title]))), []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    rememberLanguage(next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[language];
    const dateTimeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      language,
      setLanguage,
      t: (key, vars) => interpolate(dictionary[key] ?? messagesZhCn[key] ?? key, vars),
      label: (group, id, fallback) =>
        (group === 'process' ? processTitles.get(id)?.[language] : group === 'role' ? ROLE_TITLES[id as Role]?.[language] : undefined) ?? dictionary[`${group}.${id}`] ?? fallback ?? id,
      setProcessTitles,
      formatDateTime: (iso) => {
        if (!iso) return '—';
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
      },
      formatList: (items) => items.join(language === 'zh-CN' ? '、' : ', '),
    };
  }, [language, setLanguage, processTitles, setProcessTitles]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>');
  return context;
}

export type { MessageKey };
