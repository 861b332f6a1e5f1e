/**
 * pdl: the library behind the "Programming and Deep Learning" lecture notebooks.
 * Import from a notebook cell with `import { … } from "pdl";` (restart the kernel after rebuilding).
 * One folder per idea; each folder's index.ts is its public face. The folders depend only downward, in the order
 * written in tests/layers.test.ts. The notebook tooling (headless runner, kernel client) is not here: it is the
 * subpath `pdl/notebook`.
 */
export * from "./exports";

// Wiring: in a notebook, `fit` shows live progress (a progress bar and loss/accuracy curves) by default.
// train/ does not import plot/ (the numeric folders never depend on the display), so the package root connects them.
import { setDefaultTrainingMonitor } from "./train/index";
import { inKernel, trainingMonitor } from "./plot/index";
import { silentMonitor } from "./nn/monitor";
setDefaultTrainingMonitor(() => (inKernel() ? trainingMonitor() : silentMonitor));

// Wiring: in a notebook, each check result is sent with its machine-readable form (CHECK_MIMETYPE) beside the
// text, so tools can read it; exercises/ does not import plot/, so the package root connects them.
import { setCheckResultSink, CHECK_MIMETYPE } from "./exercises/index";
import { displayBundle } from "./plot/index";
setCheckResultSink((result, text) => {
  if (!inKernel()) return false;
  displayBundle({ data: { "text/plain": text, [CHECK_MIMETYPE]: result }, metadata: {} });
  return true;
});

// Wiring: live figures run their function against the browser part of the library (src/browser.ts), in the page
// and, for the first picture, in the kernel; plot/ does not import it, so the package root connects them.
import * as browserPart from "./browser";
import * as wholeLibrary from "./exports";
import { setLiveLibrary } from "./plot/live";
setLiveLibrary(browserPart, () => Object.keys(wholeLibrary));
