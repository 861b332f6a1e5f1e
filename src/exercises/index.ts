/**
 * Exercise checks used at the end of each notebook: `check.<name>(yourAnswer)` prints ✓ or a hint.
 * Each notebook group adds its checks in its own module (day1-data.ts, …, day2-free.ts) and checks.ts lists them
 * in `check`.
 */
export {
  Hint, runCheck, setCheckPrinter, relativeError, requireFunction, CheckOutcome,
  CHECK_MIMETYPE, setCheckResultSink, checkRecord, checkSummary, CheckSummary, runInstructorCases,
  type CheckResult, type CheckResultSink, type InstructorCase,
} from "./check";
export { check } from "./checks";
