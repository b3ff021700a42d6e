/** A LIKE pattern matching text that contains `text`, its wildcards typed by a user searched for as themselves. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
