/**
 * Text as vectors (lecture §2, NLP): "I am eating pizza." → tokens ["I", "am", "eating", "pizza", "."] → ids
 * such as [9, 25, 40, 31, 3] (each token's position in a vocabulary) → vectors (one-hot or embeddings).
 *
 * A word-level tokenizer: words and punctuation marks are tokens; case is kept, so decode(encode(s)) gives
 * s back (with single spaces). Three special tokens come first in every vocabulary:
 * [PAD] = 0 (fills short sequences), [UNK] = 1 (any word not in the vocabulary), [MASK] = 2 (the hidden
 * word of the masked-token task: x = "I am [MASK] pizza .", y = "I am eating pizza .").
 */
import fs from "node:fs";
import { describe, requireInteger } from "../util/errors";
import { RandomSource, toGenerator } from "../random/index";
import { assetPath } from "./assets";

/** The padding token, id 0. */
export const PAD_TOKEN = "[PAD]";
/** The unknown-word token, id 1. */
export const UNK_TOKEN = "[UNK]";
/** The mask token of the masked-token task, id 2. */
export const MASK_TOKEN = "[MASK]";
/** The special tokens in id order. */
export const SPECIAL_TOKENS = [PAD_TOKEN, UNK_TOKEN, MASK_TOKEN] as const;

const TOKEN_PATTERN = /\[(?:PAD|UNK|MASK)\]|[A-Za-z0-9]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9]/g;

/** Splits text into word and punctuation tokens: "I am eating pizza." → ["I", "am", "eating", "pizza", "."]. */
export function tokenizeWords(text: string): string[] {
  if (typeof text !== "string") throw new TypeError(`text must be a string, got ${describe(text)}`);
  return text.match(TOKEN_PATTERN) ?? [];
}

function isPunctuation(token: string): boolean {
  return /^[^\sA-Za-z0-9[]$/.test(token);
}

/** A vocabulary (token ↔ id) with encode and decode. Build one with `Tokenizer.fromCorpus(sentences)`. */
export class Tokenizer {
  /** The tokens by id: vocabulary[id] = token. */
  readonly vocabulary: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(vocabulary: readonly string[]) {
    if (!Array.isArray(vocabulary)) throw new TypeError(`vocabulary must be an array of strings, got ${describe(vocabulary)}`);
    SPECIAL_TOKENS.forEach((token, id) => {
      if (vocabulary[id] !== token) {
        throw new RangeError(`vocabulary[${id}] must be the special token ${token}, got ${describe(vocabulary[id])}`);
      }
    });
    this.vocabulary = [...vocabulary];
    this.ids = new Map(this.vocabulary.map((token, id) => [token, id] as [string, number]));
    if (this.ids.size !== this.vocabulary.length) throw new RangeError("vocabulary must not contain a token twice");
  }

  /**
   * A vocabulary from a corpus: the special tokens, then every token seen at least `minCount` times, most
   * frequent first (ties alphabetically), at most `maxSize` tokens in all.
   */
  static fromCorpus(corpus: string | readonly string[], options: { minCount?: number; maxSize?: number } = {}): Tokenizer {
    const minCount = options.minCount ?? 1;
    requireInteger("minCount", minCount, 1);
    const maxSize = options.maxSize ?? Infinity;
    if (maxSize !== Infinity) requireInteger("maxSize", maxSize, SPECIAL_TOKENS.length);
    const texts = typeof corpus === "string" ? [corpus] : corpus;
    if (!Array.isArray(texts)) throw new TypeError(`corpus must be a string or an array of strings, got ${describe(corpus)}`);
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const token of tokenizeWords(text)) {
        if ((SPECIAL_TOKENS as readonly string[]).includes(token)) continue;
        counts.set(token, (counts.get(token) ?? 0) + 1);
      }
    }
    const words = [...counts.entries()]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([w]) => w);
    return new Tokenizer([...SPECIAL_TOKENS, ...words].slice(0, maxSize));
  }

  /** The number of tokens in the vocabulary (the dimension of a one-hot token vector). */
  get size(): number {
    return this.vocabulary.length;
  }

  /** The id of a token ([UNK]'s id, 1, for an unknown one). */
  idOf(token: string): number {
    return this.ids.get(token) ?? 1;
  }

  /** Whether the token is in the vocabulary. */
  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** The token with this id. */
  tokenOf(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) {
      throw new RangeError(`token id must be an integer in 0…${this.size - 1}, got ${describe(id)}`);
    }
    return this.vocabulary[id];
  }

  /**
   * Text → ids. Unknown words become [UNK] (id 1), unless `strict` is set: then an unknown word throws an
   * error naming it.
   */
  encode(text: string, options: { strict?: boolean } = {}): Int32Array {
    const tokens = tokenizeWords(text);
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const id = this.ids.get(tokens[i]);
      if (id === undefined && options.strict) {
        throw new RangeError(
          `encode: the token ${JSON.stringify(tokens[i])} (position ${i} of ${JSON.stringify(text)}) is not in the vocabulary ` +
            `of ${this.size} tokens; without { strict: true } it would become ${UNK_TOKEN}`,
        );
      }
      out[i] = id ?? 1;
    }
    return out;
  }

  /**
   * Ids → text: tokens joined by spaces, punctuation attached to the word before it, [PAD] dropped unless
   * `keepPadding` is set.
   */
  decode(ids: ArrayLike<number>, options: { keepPadding?: boolean } = {}): string {
    if (ids == null || typeof ids.length !== "number") throw new TypeError(`ids must be an array of token ids, got ${describe(ids)}`);
    let text = "";
    for (let i = 0; i < ids.length; i++) {
      const token = this.tokenOf(ids[i]);
      if (token === PAD_TOKEN && !options.keepPadding) continue;
      text += text === "" || isPunctuation(token) ? token : " " + token;
    }
    return text;
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    const head = this.vocabulary.slice(0, 12).map((t, i) => `${i}:${t}`);
    return `Tokenizer(${this.size} tokens: ${head.join(" ")}${this.size > 12 ? " …" : ""})`;
  }
}

let corpusCache: string[] | null = null;

/** The small English corpus of assets/text/corpus.txt, one sentence per entry (a few hundred sentences). */
export function loadCorpus(): string[] {
  if (!corpusCache) {
    corpusCache = fs
      .readFileSync(assetPath("text/corpus.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
  }
  return [...corpusCache];
}

/** Pads (with [PAD] = 0) or cuts every id sequence to `length`: an N × length matrix of ids, row-major. */
export function padSequences(sequences: readonly ArrayLike<number>[], length: number): Int32Array {
  requireInteger("length", length, 1);
  const out = new Int32Array(sequences.length * length);
  sequences.forEach((ids, i) => {
    for (let t = 0; t < Math.min(length, ids.length); t++) out[i * length + t] = ids[t];
  });
  return out;
}

/** One example of the masked-token task: the input x with [MASK]s and the target y, the original. */
export interface MaskedExample {
  /** x as ids: some word ids replaced by [MASK] = 2. */
  input: Int32Array;
  /** y as ids: the original sentence. */
  target: Int32Array;
  /** The positions that were masked. */
  positions: number[];
  /** x as text, e.g. "I am [MASK] pizza." */
  x: string;
  /** y as text, e.g. "I am eating pizza." */
  y: string;
}

/**
 * Masked-token pairs (the BERT-style task of lecture §2): in each sentence, every word token (not
 * punctuation) is replaced by [MASK] with probability `probability`; if that masks nothing, one word chosen
 * uniformly is masked (so each example has at least one). The default, probability 0, masks exactly one
 * word per sentence. Seeded: the same seed gives the same masks.
 */
export function maskedTokenPairs(
  sentences: string | readonly string[],
  tokenizer: Tokenizer,
  rng: RandomSource,
  options: { probability?: number } = {},
): MaskedExample[] {
  if (!(tokenizer instanceof Tokenizer)) throw new TypeError(`tokenizer must be a Tokenizer, got ${describe(tokenizer)}`);
  const probability = options.probability ?? 0;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
    throw new RangeError(`probability must be in [0, 1], got ${describe(probability)}`);
  }
  const gen = toGenerator(rng);
  const list = typeof sentences === "string" ? [sentences] : sentences;
  return list.map((sentence) => {
    const target = tokenizer.encode(sentence);
    const words: number[] = [];
    for (let t = 0; t < target.length; t++) if (!isPunctuation(tokenizer.tokenOf(target[t]))) words.push(t);
    if (words.length === 0) throw new RangeError(`maskedTokenPairs: the sentence ${JSON.stringify(sentence)} has no word to mask`);
    let positions = probability > 0 ? words.filter(() => gen.uniform() < probability) : [];
    if (positions.length === 0) positions = [gen.pick(words)];
    const input = Int32Array.from(target);
    for (const t of positions) input[t] = 2;
    return { input, target, positions, x: tokenizer.decode(input), y: tokenizer.decode(target) };
  });
}
