/** The languages Steward speaks: zh-CN first (the default of the UI), English second. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in every language. */
export type Localised = Readonly<Record<Language, string>>;
