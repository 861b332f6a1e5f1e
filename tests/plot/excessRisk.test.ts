import { describe, expect, it } from "vitest";
import { excessRiskFigure } from "../../src/plot/index";
import { validateFigure } from "../../src/plot/bundle";

const terms = (a: number, e: number, o: number) => ({ approximation: a, estimation: e, optimisation: o, total: a + e + o });

describe("excessRiskFigure", () => {
  it("stacks the three terms per setting (relative, so a negative term goes below 0) with the total on top", () => {
    const fig = excessRiskFigure([
      { title: "N", xLabel: "N", labels: [10, 20], terms: [terms(0.1, 0.2, 0), terms(0.1, 0.05, 0)] },
      { title: "t", xLabel: "t", labels: ["1", "∞"], terms: [terms(0, 0.1, -0.03), terms(0, 0.1, 0)] },
    ]);
    expect(() => validateFigure(fig)).not.toThrow();
    expect(fig.layout.barmode).toBe("relative");
    expect(fig.data.length).toBe(8);
    const [approx, est, opt, total] = fig.data.slice(4);
    expect(approx.y).toEqual([0, 0]);
    expect(est.y).toEqual([0.1, 0.1]);
    expect(opt.y).toEqual([-0.03, 0]);
    expect(total.y[0]).toBeCloseTo(0.07, 15);
    expect(fig.data.filter((t) => t.showlegend).length).toBe(4); // one legend entry per part
    expect(fig.data[4].xaxis).toBe("x2");
  });

  it("rejects panels whose labels and decompositions differ in number", () => {
    expect(() => excessRiskFigure([{ title: "", xLabel: "", labels: [1, 2], terms: [terms(0, 0, 0)] }])).toThrow(/2 labels but 1 decompositions/);
    expect(() => excessRiskFigure([])).toThrow(/non-empty/);
  });
});
