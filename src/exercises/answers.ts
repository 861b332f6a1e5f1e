/**
 * Worked answers to the "think" exercises. A notebook reveals one with `check.answer("id")` in a collapsed
 * cell, so the answer is there when the student wants it and never in plain sight. Each module of exercises
 * adds its answers with `addAnswers`.
 */
const worked = new Map<string, string>();

/** Registers worked answers by id (an id can be registered once). */
export function addAnswers(answers: Record<string, string>): void {
  for (const [id, text] of Object.entries(answers)) {
    if (worked.has(id)) throw new Error(`addAnswers: the answer "${id}" is registered twice`);
    worked.set(id, text);
  }
}

/** Prints the worked answer `id`; an unknown id lists the known ones. */
export function answer(id: string): void {
  const text = worked.get(id);
  if (text === undefined) {
    throw new RangeError(`answer: no worked answer "${String(id)}"; known: ${[...worked.keys()].sort().join(", ")}`);
  }
  console.log(text);
}
