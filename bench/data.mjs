// Datasets and augmentation: MNIST load time (cold, then cached) and the cost of each augmentation on a
// training batch of 128 MNIST digits (128 × 784), plus a spectrogram of a spoken digit.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const pdl = require("../dist/index.js");

function time(fn, minMs = 200) {
  fn(); // warm-up
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / runs;
}

export default async function () {
  const t0 = process.hrtime.bigint();
  const mnist = pdl.loadMnist();
  const cold = Number(process.hrtime.bigint() - t0) / 1e6;
  const t1 = process.hrtime.bigint();
  pdl.loadMnistFromPackage();
  const json = Number(process.hrtime.bigint() - t1) / 1e6;
  console.log(`loadMnist(): ${cold.toFixed(1)} ms cold (compact asset), ${time(() => pdl.loadMnist(), 50).toFixed(4)} ms cached; parsing the package's JSON: ${json.toFixed(1)} ms`);

  const batch = pdl.imageBatch(mnist.images.subarray(0, 128 * 784), [28, 28, 1], mnist.labels.subarray(0, 128), 10);
  const rng = pdl.randomGenerator(1);
  const ops = {
    flipHorizontal: (b) => pdl.flipHorizontal(b),
    flipVertical: (b) => pdl.flipVertical(b),
    "randomFlip(p=0.5)": pdl.randomFlip({ p: 0.5 }),
    "randomTranslation(2)": pdl.randomTranslation(2),
    "randomErasing(p=0.5)": pdl.randomErasing({ p: 0.5 }),
    'randomErasing(p=1, fill="random")': pdl.randomErasing({ p: 1, fill: "random" }),
    "mixup(α=0.5)": pdl.mixup({ alpha: 0.5 }),
    "compose(translation, erasing, mixup)": pdl.compose(pdl.randomTranslation(2), pdl.randomErasing({ p: 0.5 }), pdl.mixup()),
  };
  console.log("augmentation of a 128 × 784 batch        ms per call");
  for (const [name, op] of Object.entries(ops)) console.log(`  ${name.padEnd(40)} ${time(() => op(batch, rng)).toFixed(4)}`);
  const sound = pdl.loadSpokenDigit(7);
  console.log(`spectrogram of "seven" (${sound.samples.length} samples, 512/128): ${time(() => pdl.spectrogram(sound)).toFixed(3)} ms`);
}
