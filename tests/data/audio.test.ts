import { describe, expect, it } from "vitest";
import fs from "node:fs";
import fc from "fast-check";
import { assetPath, decodeWav, loadSpokenDigit, sineWave, spectrogram, stft } from "../../src/data/index";

/** A 16-bit PCM mono WAV file, written by hand for the round trip. */
function wavBytes(samples: number[], sampleRate: number): Uint8Array {
  const buf = Buffer.alloc(44 + 2 * samples.length);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + 2 * samples.length, 4);
  buf.write("WAVEfmt ", 8, "ascii");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(2 * sampleRate, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(2 * samples.length, 40);
  samples.forEach((s, i) => buf.writeInt16LE(Math.round(s * 32767), 44 + 2 * i));
  return new Uint8Array(buf);
}

describe("audio", () => {
  it("loads the ten spoken digits: 16 kHz mono, not silent, in [−1, 1]", () => {
    for (let d = 0; d < 10; d++) {
      const sound = loadSpokenDigit(d);
      expect(sound.sampleRate).toBe(16000);
      expect(sound.duration).toBeGreaterThan(0.2);
      expect(sound.duration).toBeLessThan(1.5);
      let peak = 0;
      for (const s of sound.samples) peak = Math.max(peak, Math.abs(s));
      expect(peak).toBeGreaterThan(0.05);
      expect(peak).toBeLessThanOrEqual(1);
    }
    expect(() => loadSpokenDigit(10)).toThrow(/digit must be an integer 0…9/);
  });

  it("decodes a WAV it was given", () => {
    const samples = [0, 0.5, -0.5, 0.25, -1];
    const sound = decodeWav(wavBytes(samples, 8000));
    expect(sound.sampleRate).toBe(8000);
    sound.samples.forEach((s, i) => expect(s).toBeCloseTo(samples[i], 4));
  });

  it("decodes a Node Buffer that is a view at a non-zero offset into a larger ArrayBuffer", () => {
    // What fs.readFileSync and Buffer's pool hand out: the file's bytes somewhere inside a shared ArrayBuffer.
    // Before them lies another valid WAV (a decoder that reads the ArrayBuffer from its start decodes that
    // one), after them other bytes.
    const decoy = wavBytes([0.9, -0.9, 0.9], 44100);
    const samples = [0, 0.5, -0.5, 0.25, -1, 0.125];
    const target = wavBytes(samples, 8000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 67 }), fc.integer({ min: 0, max: 50 }), (gap, tail) => {
        const pool = new ArrayBuffer(decoy.length + gap + target.length + tail);
        new Uint8Array(pool).fill(0x5a);
        new Uint8Array(pool).set(decoy, 0);
        const offset = decoy.length + gap;
        new Uint8Array(pool).set(target, offset);
        const buffer = Buffer.from(pool, offset, target.length);
        expect(buffer.byteOffset).toBe(offset);
        const sound = decodeWav(buffer);
        expect(sound.sampleRate).toBe(8000);
        expect(sound.samples.length).toBe(samples.length);
        sound.samples.forEach((s, i) => expect(s).toBeCloseTo(samples[i], 4));
        // the caller's bytes are left as they were
        expect(new Uint8Array(pool, offset, target.length)).toEqual(target);
      }),
    );
  });

  it("a spoken digit decodes the same from its own ArrayBuffer and from a pooled Buffer", () => {
    const file = fs.readFileSync(assetPath("audio/digits/7-seven.wav"));
    const own = decodeWav(new Uint8Array(file).buffer);
    const pool = new ArrayBuffer(file.length + 4099);
    const pooled = Buffer.from(pool, 4099, file.length);
    file.copy(pooled);
    const fromPool = decodeWav(pooled);
    expect(fromPool.sampleRate).toBe(own.sampleRate);
    expect(fromPool.samples).toEqual(own.samples);
    expect(own.samples.length).toBeGreaterThan(1000);
  });

  it("a corrupt or truncated WAV gives a clear error", () => {
    expect(() => decodeWav(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(/not a valid WAV file/);
    const real = new Uint8Array(fs.readFileSync(assetPath("audio/digits/3-three.wav")));
    expect(() => decodeWav(real.subarray(0, 30))).toThrow(/not a valid WAV file/);
    for (const short of ["RIFF", "RIFF\u0010\u0000\u0000", "RIFF\u0010\u0000\u0000\u0000WAVE"]) {
      expect(() => decodeWav(new TextEncoder().encode(short))).toThrow(/not a valid WAV file/);
    }
    // the header intact, the samples cut short
    expect(() => decodeWav(real.subarray(0, 5000))).toThrow(new RegExp(`5000 bytes are not a valid WAV file \\(the file is truncated: its header declares ${real.length} bytes\\)`));
    expect(() => decodeWav(Buffer.from(real.buffer, real.byteOffset, real.length - 1))).toThrow(/truncated/);
    expect(() => decodeWav("three.wav" as never)).toThrow(/needs the file's bytes/);
  });

  it("the STFT equals a direct DFT of the windowed frame", () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.cos(0.7 * i) + 0.3 * Math.sin(2.1 * i * i));
    const n = 16;
    const hop = 8;
    const X = stft(x, { frameSize: n, hop });
    expect(X.bins).toBe(9);
    expect(X.frames).toBe(1 + Math.ceil((40 - n) / hop));
    for (const t of [0, 2, X.frames - 1]) {
      for (let k = 0; k < X.bins; k++) {
        let re = 0;
        let im = 0;
        for (let m = 0; m < n; m++) {
          const s = t * hop + m < x.length ? x[t * hop + m] : 0;
          const w = Math.sin((Math.PI * m) / n) ** 2;
          re += w * s * Math.cos((2 * Math.PI * k * m) / n);
          im -= w * s * Math.sin((2 * Math.PI * k * m) / n);
        }
        expect(X.re[t * X.bins + k]).toBeCloseTo(re, 10);
        expect(X.im[t * X.bins + k]).toBeCloseTo(im, 10);
      }
    }
  });

  it("the spectrogram of a pure tone peaks at its frequency bin", () => {
    for (const f of [1250, 440, 3000]) {
      const spec = spectrogram(sineWave(f, 0.5, 16000), { frameSize: 512, hop: 128 });
      expect(spec.bins).toBe(257);
      const expected = Math.round((f * 512) / 16000);
      for (let t = 0; t < spec.frames - 4; t++) expect(spec.peakBin(t)).toBe(expected);
      expect(spec.frequencies[expected]).toBeCloseTo((expected * 16000) / 512, 10);
    }
    expect(() => stft([1, 2, 3], { frameSize: 100 })).toThrow(/power of two/);
    expect(() => stft([])).toThrow(/empty/);
  });

  it("a spoken digit's spectrogram is frames × bins with speech energy below 4 kHz", () => {
    const spec = spectrogram(loadSpokenDigit(5));
    expect(spec.values.length).toBe(spec.frames * spec.bins);
    let low = 0;
    let high = 0;
    for (let t = 0; t < spec.frames; t++) {
      for (let k = 0; k < spec.bins; k++) {
        const power = 10 ** (spec.get(t, k) / 10);
        if (spec.frequencies[k] < 4000) low += power;
        else high += power;
      }
    }
    expect(low).toBeGreaterThan(high);
    expect(String(spec)).toMatch(/Spectrogram\(\d+ frames × 257 bins/);
  });
});
