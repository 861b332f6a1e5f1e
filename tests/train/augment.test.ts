import { describe, expect, it } from "vitest";
import { imageAugmentation, fit } from "../../src/train/index";
import { flipHorizontal, mixup } from "../../src/data/augment";
import { MLP, sgd, silentMonitor } from "../../src/nn/index";
import { Tensor, tensor } from "../../src/autograd/index";
import { randomGenerator } from "../../src/random/index";

describe("imageAugmentation: data/ augmentations inside fit", () => {
  it("flips rows of 1×3 images and keeps the targets", () => {
    const aug = imageAugmentation(flipHorizontal, [1, 3, 1]);
    const out = aug({ x: tensor([[1, 2, 3], [4, 5, 6]]), y: Tensor.oneHot([0, 1], 2) }, randomGenerator(0));
    expect(Array.from(out.x.data)).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(out.y.data)).toEqual([1, 0, 0, 1]);
  });

  it("mixup gives soft labels (rows summing to 1) that fit trains on", async () => {
    const aug = imageAugmentation(mixup({ alpha: 0.5 }), [2, 2, 1]);
    const out = aug({ x: Tensor.randn([6, 4], 1), y: Tensor.oneHot([0, 1, 2, 0, 1, 2], 3) }, randomGenerator(2));
    for (let i = 0; i < 6; i++) expect(out.y.data[3 * i] + out.y.data[3 * i + 1] + out.y.data[3 * i + 2]).toBeCloseTo(1, 12);
    const model = new MLP([4, 5, 3], { rng: 1 });
    const history = await fit(model, {
      x: Tensor.randn([12, 4], 3), y: Array.from({ length: 12 }, (_, i) => i % 3), loss: "crossEntropy",
      optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 2, batchSize: 6, augment: aug, monitor: silentMonitor,
    });
    expect(history.epochs.length).toBe(2);
    expect(() => aug({ x: Tensor.randn([2, 5], 1), y: Tensor.oneHot([0, 1], 3) }, randomGenerator(0))).toThrow(/rows of length 4/);
  });
});
