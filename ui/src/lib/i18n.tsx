import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { type Label, type Vocabulary } from '../../../contracts/labels';
import { LANGUAGES, type Language } from '../../../contracts/language';
import { ROLE_TITLES, type Role } from '../../../contracts/permissions';
import type { ProcessCatalogueEntry } from '../../../contracts/processes';
import { currentLanguage, rememberLanguage } from './language';
import { messagesEn } from './messages-en';
import { messagesZhCn, type MessageKey } from './messages-zh-cn';

/** zh-CN is first and the default; English is the alternative. */
export { LANGUAGES, type Language };

const dictionaries: Record<Language, Record<string, string>> = { 'zh-CN': messagesZhCn, en: messagesEn };

type Vars = Record<string, string | number>;

/**
 * A process as the API's catalogue (GET /process-definitions) describes it: the one source of process labels, its
 * steps' names and the wording of its forms and tasks (each process's definition holds them).
 */
export type ProcessTitle = Pick<ProcessCatalogueEntry, 'name' | 'title'> & Partial<Pick<ProcessCatalogueEntry, 'steps' | 'labels'>>;

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** Translates a known key, filling {placeholders} from vars. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** Translates `${group}.${id}` if the dictionary (or, for processes and steps, the catalogue) knows it, else returns the fallback (or the id). */
  label: (group: 'role' | 'process' | 'step' | 'event' | 'system', id: string, fallback?: string) => string;
  /** A step's name as its process's definition gives it. */
  stepLabel: (process: string, stepId: string) => string;
  /** The wording of a process's forms and tasks, by key (empty until the catalogue has loaded). */
  vocabulary: (process: string) => Vocabulary;
  /** A text worded in both languages, in the reader's. */
  text: (label: Label) => string;
  /** Takes the process titles, step names and wording from the API's catalogue. */
  setProcessTitles: (processes: ProcessTitle[]) => void;
  formatDateTime: (iso: string | null | undefined) => string;
  /** An instant in Beijing time to the second, for records whose order matters (when an alarm was raised). */
  formatInstant: (iso: string | null | undefined) => string;
  formatDate: (iso: string | null | undefined) => string;
  /** An amount of yuan: ¥380,000.00. */
  formatYuan: (amount: number) => string;
  /** Joins items the way the language lists things ("a、b" / "a, b"). */
  formatList: (items: string[]) => string;
}

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

/** The community's time: every date of a task is read in Beijing time, wherever the browser is. */
const TIME_ZONE = 'Asia/Shanghai';

/** `catalogue` and `language` start the provider with what a test renders (the app loads the catalogue after sign-in). */
export function I18nProvider({ children, catalogue = [], language: initialLanguage }: { children: ReactNode; catalogue?: ProcessTitle[]; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initialLanguage ?? currentLanguage());
  const [processes, setProcessList] = useState<ReadonlyMap<string, ProcessTitle>>(() => new Map(catalogue.map((process) => [process.name, process])));
  const setProcessTitles = useCallback((list: ProcessTitle[]) => setProcessList(new Map(list.map((process) => [process.name, process]))), []);

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
    const instantFormat = new Intl.DateTimeFormat(language, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const dateFormat = new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium' });
    const yuanFormat = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' });
    const formatWith = (format: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
      if (!iso) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
    // A step id names different steps in different processes: the catalogue's first answer, the process's own by stepLabel.
    const stepNames = new Map<string, Label>();
    for (const process of processes.values()) for (const [id, name] of Object.entries(process.steps ?? {})) if (!stepNames.has(id)) stepNames.set(id, name);
    const catalogueLabel = (group: string, id: string) =>
      group === 'process' ? processes.get(id)?.title[language] : group === 'step' ? stepNames.get(id)?.[language] : undefined;
    return {
      language,
      setLanguage,
      t: (key, vars) => interpolate(dictionary[key] ?? messagesZhCn[key] ?? key, vars),
      label: (group, id, fallback) =>
        catalogueLabel(group, id) ?? (group === 'role' ? ROLE_TITLES[id as Role]?.[language] : undefined) ?? dictionary[`${group}.${id}`] ?? fallback ?? id,
      stepLabel: (process, stepId) => processes.get(process)?.steps?.[stepId]?.[language] ?? stepNames.get(stepId)?.[language] ?? stepId,
      vocabulary: (process) => processes.get(process)?.labels ?? {},
      text: (label) => label[language],
      setProcessTitles,
      formatDateTime: formatWith(dateTimeFormat),
      formatInstant: formatWith(instantFormat),
      formatDate: formatWith(dateFormat),
      formatYuan: (amount) => yuanFormat.format(amount),
      formatList: (items) => items.join(language === 'zh-CN' ? '、' : ', '),
    };
  }, [language, setLanguage, processes, setProcessTitles]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>');
  return context;
}

export type { MessageKey };
