/**
 * Datasets and augmentation (lecture §1–3): the 1-D toy problem with its true risk, MNIST digits, colour
 * photos, text with a tokenizer, spoken digits with spectrograms, 3D skeleton motions, and batch
 * augmentations (flip, translation, random erasing, mixup). Everything becomes a vector x ∈ X.
 */
export * from "./toy1d";
export * from "./assets";
export * from "./mnist";
export * from "./images";
export * from "./text";
export * from "./audio";
export * from "./skeleton";
export * from "./augment";
export * from "./excessRisk";
export * from "./betaLaw";
