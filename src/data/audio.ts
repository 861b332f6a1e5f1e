/**
 * Audio as an image (lecture §2: 画像として扱う). A sound is a sequence of samples s[0], s[1], … taken
 * `sampleRate` times per second. The short-time Fourier transform cuts it into overlapping frames of
 * `frameSize` samples, `hop` samples apart, multiplies each by a Hann window w and takes its discrete
 * Fourier transform:
 *
 *   X[t, k] = Σ_{n=0}^{frameSize−1} w[n] s[t·hop + n] e^{−2πi k n / frameSize},  k = 0 … frameSize/2,
 *
 * bin k is the frequency k·sampleRate/frameSize Hz. The log-magnitude spectrogram 20 log₁₀(|X[t, k]| + ε)
 * (in dB) is a frames × bins matrix: an image that a network can read like any other.
 *
 * The assets include the digits "zero" … "nine" spoken by espeak-ng (synthesized speech, assets/README.md).
 */
import fs from "node:fs";
import FFT from "fft.js";
import { describe, requireAllFinite, requireInteger, requirePositive } from "../util/errors";
import { assetPath } from "./assets";

import decodeWavBytes from "@audio/decode-wav";

/** A mono sound: samples in [−1, 1] and the number of samples per second. */
export class AudioSignal {
  constructor(
    readonly samples: Float64Array,
    readonly sampleRate: number,
  ) {}

  /** Length in seconds. */
  get duration(): number {
    return this.samples.length / this.sampleRate;
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    return `AudioSignal(${this.samples.length} samples at ${this.sampleRate} Hz = ${this.duration.toFixed(3)} s)`;
  }
}

/**
 * Decodes the bytes of a WAV file (PCM 8/16/24/32-bit, float, A-law/µ-law, ADPCM) with the
 * `@audio/decode-wav` package. Several channels are averaged to one. A file that is not a valid WAV throws
 * an error saying so.
 *
 * The bytes may be a view into a larger ArrayBuffer at any offset: a Node Buffer from `fs.readFileSync` is
 * one (Node 26 hands out small files in a shared pool). Only the view's own bytes are read; no Buffer method
 * is relied upon, the view is passed on as a plain Uint8Array over the same memory (no copy).
 */
export function decodeWav(bytes: Uint8Array | ArrayBuffer): AudioSignal {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new TypeError(`decodeWav needs the file's bytes (a Uint8Array, Buffer or ArrayBuffer), got ${describe(bytes)}`);
  }
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let decoded: { sampleRate: number; channelData: Float32Array[] };
  try {
    decoded = decodeWavBytes(view);
  } catch (error) {
    const reason = error instanceof RangeError ? "the file is truncated" : (error as Error).message;
    throw new Error(`decodeWav: the ${view.length} bytes are not a valid WAV file (${reason})`);
  }
  // A file cut short keeps its header, and the decoder reads what is there; the RIFF header's size field
  // (bytes 4…7: the file's length − 8; 0 or 0xFFFFFFFF while a recording is still being written) tells.
  const declared = view.length >= 8 ? new DataView(view.buffer, view.byteOffset, view.byteLength).getUint32(4, true) + 8 : 8;
  if (declared !== 8 && declared !== 0xffffffff + 8 && view.length < declared) {
    throw new Error(`decodeWav: the ${view.length} bytes are not a valid WAV file (the file is truncated: its header declares ${declared} bytes)`);
  }
  const channels = decoded.channelData;
  if (channels.length === 0 || channels[0].length === 0 || !(decoded.sampleRate > 0)) {
    throw new Error(
      `decodeWav: the ${view.length} bytes are not a valid WAV file (no audio samples found: the header or the data is truncated, or the data is empty)`,
    );
  }
  const n = channels[0].length;
  const samples = new Float64Array(n);
  for (const channel of channels) for (let i = 0; i < n; i++) samples[i] += channel[i] / channels.length;
  return new AudioSignal(samples, decoded.sampleRate);
}

/** The English words of the spoken digits, index = digit. */
export const DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"] as const;

/** The digit 0…9 spoken by espeak-ng (16 kHz mono, from assets/audio/digits). */
export function loadSpokenDigit(digit: number): AudioSignal {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new RangeError(`digit must be an integer 0…9, got ${describe(digit)}`);
  return decodeWav(fs.readFileSync(assetPath(`audio/digits/${digit}-${DIGIT_WORDS[digit]}.wav`)));
}

/** A pure tone a·sin(2π f t) of `duration` seconds: the test signal whose spectrogram is one bright line. */
export function sineWave(frequency: number, duration: number, sampleRate = 16000, amplitude = 1): AudioSignal {
  requirePositive("frequency", frequency);
  requirePositive("duration", duration);
  requirePositive("sampleRate", sampleRate);
  const n = Math.round(duration * sampleRate);
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return new AudioSignal(samples, sampleRate);
}

/** Options of the short-time Fourier transform. */
export interface StftOptions {
  /** Samples per frame, a power of two (default 512 = 32 ms at 16 kHz). */
  frameSize?: number;
  /** Samples between frame starts (default frameSize / 4). */
  hop?: number;
}

/** The STFT X[t, k]: real and imaginary parts, frames × bins row-major, bins = frameSize/2 + 1. */
export interface StftResult {
  re: Float64Array;
  im: Float64Array;
  frames: number;
  bins: number;
  frameSize: number;
  hop: number;
}

function readSignal(signal: AudioSignal | ArrayLike<number>): ArrayLike<number> {
  if (signal instanceof AudioSignal) return signal.samples;
  if (signal == null || typeof signal === "string" || typeof (signal as ArrayLike<number>).length !== "number") {
    throw new TypeError(`signal must be an AudioSignal or an array of samples, got ${describe(signal)}`);
  }
  requireAllFinite("signal", signal);
  return signal;
}

/**
 * The short-time Fourier transform with a Hann window w[n] = sin²(π n / frameSize) (fft.js does the FFTs).
 * The signal is padded with zeros at the end so that every sample falls in a frame.
 */
export function stft(signal: AudioSignal | ArrayLike<number>, options: StftOptions = {}): StftResult {
  const samples = readSignal(signal);
  const frameSize = options.frameSize ?? 512;
  requireInteger("frameSize", frameSize, 2);
  if ((frameSize & (frameSize - 1)) !== 0) throw new RangeError(`frameSize must be a power of two (256, 512, 1024 …), got ${frameSize}`);
  const hop = options.hop ?? frameSize / 4;
  requireInteger("hop", hop, 1);
  if (samples.length === 0) throw new RangeError("stft: the signal is empty");
  const frames = samples.length <= frameSize ? 1 : 1 + Math.ceil((samples.length - frameSize) / hop);
  const bins = frameSize / 2 + 1;
  const window = new Float64Array(frameSize);
  for (let n = 0; n < frameSize; n++) window[n] = Math.sin((Math.PI * n) / frameSize) ** 2;
  const fft = new FFT(frameSize);
  const frame = new Float64Array(frameSize);
  const spectrum = fft.createComplexArray() as number[];
  const re = new Float64Array(frames * bins);
  const im = new Float64Array(frames * bins);
  for (let t = 0; t < frames; t++) {
    const start = t * hop;
    for (let n = 0; n < frameSize; n++) frame[n] = start + n < samples.length ? window[n] * samples[start + n] : 0;
    fft.realTransform(spectrum, frame);
    for (let k = 0; k < bins; k++) {
      re[t * bins + k] = spectrum[2 * k];
      im[t * bins + k] = spectrum[2 * k + 1];
    }
  }
  return { re, im, frames, bins, frameSize, hop };
}

/** A log-magnitude spectrogram: values[t·bins + k] = 20 log₁₀(|X[t, k]| + ε) dB, frames × bins. */
export class Spectrogram {
  constructor(
    /** frames × bins row-major, in dB. */
    readonly values: Float64Array,
    readonly frames: number,
    readonly bins: number,
    /** The time (s) at the centre of each frame. */
    readonly times: Float64Array,
    /** The frequency (Hz) of each bin. */
    readonly frequencies: Float64Array,
  ) {}

  /** The dB value of frame t, bin k. */
  get(t: number, k: number): number {
    return this.values[t * this.bins + k];
  }

  /** The frame's loudest bin. */
  peakBin(t: number): number {
    let best = 0;
    for (let k = 1; k < this.bins; k++) if (this.get(t, k) > this.get(t, best)) best = k;
    return best;
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of this.values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return (
      `Spectrogram(${this.frames} frames × ${this.bins} bins, 0–${this.frequencies[this.bins - 1].toFixed(0)} Hz, ` +
      `${lo.toFixed(1)}…${hi.toFixed(1)} dB)`
    );
  }
}

/**
 * The log-magnitude spectrogram of a sound: STFT (Hann window) then 20 log₁₀(|X| + ε) with ε = 1e-6.
 * `sampleRate` is needed for plain arrays (for an AudioSignal it is read from the signal).
 */
export function spectrogram(
  signal: AudioSignal | ArrayLike<number>,
  options: StftOptions & { sampleRate?: number; epsilon?: number } = {},
): Spectrogram {
  const sampleRate = signal instanceof AudioSignal ? signal.sampleRate : options.sampleRate ?? 16000;
  requirePositive("sampleRate", sampleRate);
  const epsilon = options.epsilon ?? 1e-6;
  requirePositive("epsilon", epsilon);
  const { re, im, frames, bins, frameSize, hop } = stft(signal, options);
  const values = new Float64Array(frames * bins);
  for (let i = 0; i < values.length; i++) values[i] = 20 * Math.log10(Math.hypot(re[i], im[i]) + epsilon);
  const times = new Float64Array(frames);
  for (let t = 0; t < frames; t++) times[t] = (t * hop + frameSize / 2) / sampleRate;
  const frequencies = new Float64Array(bins);
  for (let k = 0; k < bins; k++) frequencies[k] = (k * sampleRate) / frameSize;
  return new Spectrogram(values, frames, bins, times, frequencies);
}
