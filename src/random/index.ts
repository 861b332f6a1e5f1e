/** Randomness, always seeded: the generator (MT19937) and the random matrices of Day 2 (Ginibre, Haar, Wishart). */
export * from "./generator";
export * from "./matrices";
