/**
 * Exercise checks used at the end of each notebook: `check.<name>(yourAnswer)` prints ✓ or a hint.
 * Each lecture part adds its checks in its own module (day1.ts, day2.ts) and lists them in `check`.
 */
export {
  Hint, runCheck, setCheckPrinter, relativeError, requireFunction, CheckOutcome,
  CHECK_MIMETYPE, setCheckResultSink, checkRecord, checkSummary, CheckSummary, runInstructorCases,
  type CheckResult, type CheckResultSink, type InstructorCase,
} from "./check";
export { check } from "./checks";
