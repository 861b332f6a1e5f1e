#!/usr/bin/env bash
# Regenerates assets/audio/digits/*.wav: the words "zero" … "nine" spoken by espeak-ng (synthesized speech),
# as 16 kHz mono 16-bit PCM WAV files, silence trimmed at both ends.
#   needs: apt-get update && apt-get install -y espeak-ng sox
#   run from the repository root: bash scripts/make-assets/spoken-digits.sh
set -euo pipefail
out=assets/audio/digits
mkdir -p "$out"
words=(zero one two three four five six seven eight nine)
for i in "${!words[@]}"; do
  word=${words[$i]}
  tmp=$(mktemp --suffix=.wav)
  # -v en-us: American English voice; -s 140: 140 words per minute; -w: write a WAV file (22 050 Hz).
  espeak-ng -v en-us -s 140 -w "$tmp" "$word"
  # Resample to 16 kHz mono 16-bit, trim leading/trailing silence below 1 % amplitude, pad 50 ms each side.
  sox "$tmp" -r 16000 -c 1 -b 16 "$out/$i-$word.wav" silence 1 0.01 1% reverse silence 1 0.01 1% reverse pad 0.05 0.05
  rm -f "$tmp"
done
ls -l "$out"
