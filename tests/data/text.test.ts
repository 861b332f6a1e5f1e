import { describe, expect, it } from "vitest";
import { loadCorpus, maskedTokenPairs, padSequences, Tokenizer, tokenizeWords } from "../../src/data/index";

const tokenizer = Tokenizer.fromCorpus(loadCorpus());

describe("word-level tokenizer", () => {
  it("splits words and punctuation", () => {
    expect(tokenizeWords("I am eating pizza.")).toEqual(["I", "am", "eating", "pizza", "."]);
    expect(tokenizeWords("Can you pass the salt?")).toEqual(["Can", "you", "pass", "the", "salt", "?"]);
    expect(tokenizeWords("I am [MASK] pizza .")).toEqual(["I", "am", "[MASK]", "pizza", "."]);
  });

  it("builds a vocabulary from the corpus with [PAD] [UNK] [MASK] first", () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThan(200);
    expect(corpus).toContain("I am eating pizza.");
    expect(tokenizer.vocabulary.slice(0, 3)).toEqual(["[PAD]", "[UNK]", "[MASK]"]);
    expect(tokenizer.size).toBeGreaterThan(300);
    // Most frequent first: "." appears in almost every sentence.
    expect(tokenizer.tokenOf(3)).toBe(".");
    expect(String(tokenizer)).toMatch(/^Tokenizer\(\d+ tokens: 0:\[PAD\] 1:\[UNK\] 2:\[MASK\]/);
  });

  it("encodes 'I am eating pizza.' to known ids and decodes it back", () => {
    const ids = tokenizer.encode("I am eating pizza.");
    expect(ids.length).toBe(5);
    for (const id of ids) expect(id).toBeGreaterThan(2);
    expect(tokenizer.decode(ids)).toBe("I am eating pizza.");
    expect(tokenizer.tokenOf(ids[2])).toBe("eating");
  });

  it("decode(encode(s)) = s for every corpus sentence", () => {
    for (const s of loadCorpus()) expect(tokenizer.decode(tokenizer.encode(s))).toBe(s);
  });

  it("unknown words become [UNK]; strict mode names the word", () => {
    const ids = tokenizer.encode("I am eating sushi.");
    expect(ids[3]).toBe(1);
    expect(tokenizer.decode(ids)).toBe("I am eating [UNK].");
    expect(() => tokenizer.encode("I am eating sushi.", { strict: true })).toThrow(/the token "sushi" \(position 3/);
    expect(() => tokenizer.tokenOf(tokenizer.size)).toThrow(/token id must be an integer in 0…/);
    expect(() => new Tokenizer(["a", "b", "c"])).toThrow(/vocabulary\[0\] must be the special token \[PAD\]/);
  });

  it("masked pairs: x has [MASK] where y has the word; seeded", () => {
    const [pair] = maskedTokenPairs("I am eating pizza.", tokenizer, 3);
    expect(pair.y).toBe("I am eating pizza.");
    expect(pair.positions.length).toBe(1);
    const t = pair.positions[0];
    expect(pair.input[t]).toBe(2);
    expect(pair.target[t]).not.toBe(2);
    expect(tokenizer.tokenOf(pair.target[t])).not.toBe(".");
    expect(pair.x.split(" ")).toContain("[MASK]");
    for (let i = 0; i < pair.input.length; i++) if (i !== t) expect(pair.input[i]).toBe(pair.target[i]);
    const again = maskedTokenPairs(loadCorpus(), tokenizer, 11, { probability: 0.3 });
    const same = maskedTokenPairs(loadCorpus(), tokenizer, 11, { probability: 0.3 });
    expect(again.map((p) => p.x)).toEqual(same.map((p) => p.x));
    const fraction = again.reduce((s, p) => s + p.positions.length, 0) / again.reduce((s, p) => s + p.input.length, 0);
    expect(fraction).toBeGreaterThan(0.15);
    expect(fraction).toBeLessThan(0.35);
    // The masked sentence re-encodes to its own ids ([MASK] is a token of the vocabulary).
    expect(Array.from(tokenizer.encode(pair.x))).toEqual(Array.from(pair.input));
  });

  it("pads sequences with [PAD] = 0", () => {
    expect(Array.from(padSequences([[5, 6, 7], [8]], 2))).toEqual([5, 6, 8, 0]);
    expect(tokenizer.decode(padSequences([tokenizer.encode("Good night.")], 6))).toBe("Good night.");
  });
});
