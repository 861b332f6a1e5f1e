// Every fast-check property in the suite starts from the same seed: CI runs are reproducible, and a failure
// prints the seed and path to replay it. Set FC_SEED to explore other random inputs locally.
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129), endOnFailure: process.env.FC_END === "1" });
