// Every fast-check property in the suite starts from the same seed: CI runs are reproducible, and a failure
// prints the seed and path to replay it. Set FC_SEED to explore other random inputs locally, and FC_END=1 to stop
// at the first counterexample without shrinking it (shrinking a slow property can take minutes).
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129), endOnFailure: process.env.FC_END === "1" });
