import { afterEach, describe, expect, it } from "vitest";
import { currentLanguage, localized, setLanguage } from "../../src/util/language";

describe("setLanguage / localized", () => {
  afterEach(() => {
    setLanguage("en");
  });

  it("is English until a language is selected, and picks the selected language's text", () => {
    expect(currentLanguage()).toBe("en");
    const message = { en: "matches on 5 random inputs", ja: "5 個のランダムな入力で一致" };
    expect(localized(message)).toBe("matches on 5 random inputs");
    expect(setLanguage("ja")).toBe("en");
    expect(currentLanguage()).toBe("ja");
    expect(localized(message)).toBe("5 個のランダムな入力で一致");
    expect(setLanguage("en")).toBe("ja");
    expect(localized(message)).toBe("matches on 5 random inputs");
  });

  it("falls back to English where no Japanese text exists", () => {
    setLanguage("ja");
    expect(localized({ en: "only English" })).toBe("only English");
  });

  it("refuses an unknown language before changing anything, naming what it accepts", () => {
    setLanguage("ja");
    expect(() => setLanguage("fr" as never)).toThrow(/language must be one of "en", "ja", got "fr"/);
    expect(currentLanguage()).toBe("ja");
    expect(() => localized("text" as never)).toThrow(/message must be an object \{ en: string/);
  });
});
