/** The grader for submitted notebooks (used by `npm run grade`; not part of the student-facing `pdl` root). */
export { gradeSubmission, gradeSubmissions, knownExercises, exercisesCalled, total, type Gradebook, type SubmissionResult, type SubmissionStatus, type GradeOptions, type ExerciseOutcome } from "./grade";
export { writeReports, gradebookCsv, feedbackHtml, summaryHtml, commonHints, passRates, feedbackNames } from "./report";
