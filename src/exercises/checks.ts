/**
 * The `check` object the notebooks call. Add a module per notebook (e.g. `./day1-losses.ts` exporting
 * `lossChecks`) and spread it in here. Keep checks to small inputs: they run in a cell.
 */
import { runCheck, Hint, requireFunction, relativeError, recordedCheck, checkSummary, type CheckOutcome } from "./check";
import { day1DataChecks } from "./day1-data";
import { day1LearningChecks } from "./day1-learning";
import { day1RiskChecks } from "./day1-risk";
import { day2RmtChecks } from "./day2-rmt";
import { day2FreeChecks } from "./day2-free";
import { day2PropagationChecks } from "./day2-propagation";
import { day1TrainingChecks } from "./day1-training";
import { localized } from "../util/language";

/** Checks for the start-here notebook (a model for the others). */
const startChecks = {
  /** Exercise: a function returning the mean of an array. */
  mean(mean: (xs: number[]) => number): CheckOutcome {
    return runCheck("mean", () => {
      requireFunction(mean, "your mean");
      const cases = [[1, 2, 3, 4], [5], [-1, 1, -1, 1, 10]];
      for (const xs of cases) {
        const expected = xs.reduce((s, x) => s + x, 0) / xs.length;
        const got = mean(xs.slice());
        const call = `mean([${xs}])`;
        if (typeof got !== "number") {
          throw new Hint(localized({ en: `${call} returned ${typeof got}; return a number`, ja: `${call} の戻り値が ${typeof got} でした。数を返してください` }));
        }
        if (Math.abs(got - xs.reduce((s, x) => s + x, 0)) < 1e-12 && xs.length > 1) {
          throw new Hint(localized({ en: `${call} returned the sum; divide by the number of entries`, ja: `${call} が和を返しました。要素の個数で割ってください` }));
        }
        if (relativeError([got], [expected], call) > 1e-12) {
          throw new Hint(localized({ en: `${call} returned ${got}; check how you add the entries up`, ja: `${call} の戻り値が ${got} でした。要素の足し方を確かめてください` }));
        }
      }
      return localized({ en: `correct on ${cases.length} arrays`, ja: `${cases.length} 個の配列で正解` });
    });
  },
};

const checks = {
  ...startChecks,
  ...day1DataChecks,
  ...day1LearningChecks,
  ...day1RiskChecks,
  ...day2RmtChecks,
  ...day2FreeChecks,
  ...day2PropagationChecks,
  ...day1TrainingChecks,
};

/** Every check wrapped so that its outcome is recorded for `check.summary()` and the grader. */
function recordAll<T extends Record<string, (...args: any[]) => CheckOutcome>>(all: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(all)) out[name] = recordedCheck(name, fn);
  return out as T;
}

export const check = {
  ...recordAll(checks),
  /** Prints "k of n exercises pass" for the checks run in this kernel session (call it at the end of a notebook). */
  summary: checkSummary,
};
