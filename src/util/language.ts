/**
 * The language of what the library prints and draws by default: check results and their hints, progress
 * displays, default axis titles. The notebooks select it in their first code cell with `setLanguage("en")`
 * (English edition, notebooks/) or `setLanguage("ja")` (Japanese edition, notebooks/ja/); it is English until
 * then. Text the caller passes in (a figure title, a label) is never translated.
 *
 * Library code writes each message in both languages side by side and picks one with `localized`:
 *
 * ```ts
 * localized({ en: `matches on ${n} random inputs`, ja: `${n} 個のランダムな入力で一致` })
 * ```
 */

import { describe } from "./errors";

/** The languages the library speaks: English and Japanese (日本語). */
export type Language = "en" | "ja";

const languages: readonly Language[] = ["en", "ja"];

let current: Language = "en";

/** Selects the language of the library's messages and default labels; returns the previous one. */
export function setLanguage(language: Language): Language {
  if (!languages.includes(language)) {
    throw new RangeError(`setLanguage: language must be one of ${languages.map((l) => `"${l}"`).join(", ")}, got ${describe(language)}`);
  }
  const previous = current;
  current = language;
  return previous;
}

/** The language selected by `setLanguage` ("en" until a notebook selects another). */
export function currentLanguage(): Language {
  return current;
}

/** One message in every language of the library: English always, Japanese where it has been written. */
export interface Localized {
  en: string;
  ja?: string;
}

/** The text of `message` in the current language (English when no translation exists). */
export function localized(message: Localized): string {
  if (message === null || typeof message !== "object" || typeof message.en !== "string") {
    throw new TypeError(`localized: message must be an object { en: string, ja?: string }, got ${describe(message)}`);
  }
  return (current === "ja" ? message.ja : undefined) ?? message.en;
}
