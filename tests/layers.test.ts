/**
 * The folders of src/ depend only downward. This is the one place where their order is written: a folder may
 * import from folders of EARLIER groups only (never from a later group, nor from another folder of its own group),
 * so there is no cycle between folders and a student can read the library from the bottom up.
 *
 * The test reads every relative import of src/ (import … from, export … from, import(), require()) and fails on an
 * upward or sideways import, on a folder cycle (reported as the cycle itself), on a cycle between files, and on a folder missing from
 * the list (a new folder must be placed).
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The layers, lowest first. */
export const LAYERS: readonly (readonly string[])[] = [
  ["util"], // errors, interrupt, language: no numerics
  ["linalg"], // matrices, products and decompositions
  ["random", "special"], // seeded generators and random matrices (need QR); erf, log Γ, quadrature (needs eigh), activations φ
  ["autograd"], // tensors and the reverse-mode graph
  ["nn"], // models, initialisation, optimisers
  ["data"], // datasets and augmentations (a leaf: only train uses its augmentations)
  ["train"], // fit, metrics, nearest neighbours
  ["propagation"], // theory: mean field and signal propagation
  ["rmt"], // theory: spectral laws, free probability, Jacobians
  ["kernels"], // theory: NTK and conjugate kernel
  ["plot"], // figures and display (a leaf)
  ["exercises"], // the notebooks' self-checks (outside the numeric library)
  ["notebook"], // headless runner and kernel client: the subpath pdl/notebook, not the package root
  ["grade", "site"], // command-line tools built on the runner
];

const SRC = resolve(__dirname, "../src");

interface Edge {
  from: string; // file, relative to src/
  to: string; // file, relative to src/
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Every relative import of every file in src/, resolved to a file relative to src/. */
function importEdges(): Edge[] {
  const pattern = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["'](\.[^"']*)["']|import\(\s*["'](\.[^"']*)["']\s*\)|require\(\s*["'](\.[^"']*)["']\s*\)/g;
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const m of text.matchAll(pattern)) {
      const spec = m[1] ?? m[2] ?? m[3];
      let target = resolve(dirname(file), spec);
      if (!target.endsWith(".ts")) target = statSync(target, { throwIfNoEntry: false })?.isDirectory() ? join(target, "index.ts") : `${target}.ts`;
      edges.push({ from: relative(SRC, file), to: relative(SRC, target) });
    }
  }
  return edges;
}

function folderOf(file: string): string {
  const parts = file.split(sep);
  return parts.length > 1 ? parts[0] : ""; // "" is the package root, src/index.ts
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((group) => group.includes(folder));
}

/** The cycles of a directed graph (one per strongly connected component with more than one node or a self-loop). */
function cycles(edges: [string, string][]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)!.add(b);
  }
  const found: string[][] = [];
  const done = new Set<string>();
  for (const start of next.keys()) {
    // Depth-first search from each node for a path back to it.
    const stack: string[] = [];
    const seen = new Set<string>();
    const visit = (node: string): boolean => {
      for (const n of next.get(node) ?? []) {
        if (n === start) {
          found.push([start, ...stack, start]);
          return true;
        }
        if (seen.has(n) || done.has(n)) continue;
        seen.add(n);
        stack.push(n);
        if (visit(n)) return true;
        stack.pop();
      }
      return false;
    };
    visit(start);
    done.add(start);
  }
  return found;
}

describe("the folders of src/ depend only downward", () => {
  const edges = importEdges();

  it("finds the imports it checks", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: join("nn", "layers.ts"), to: join("autograd", "tensor.ts") });
  });

  it("places every folder of src/ in exactly one layer", () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    for (const folder of folders) expect(LAYERS.filter((group) => group.includes(folder)), `folder src/${folder}`).toHaveLength(1);
    for (const folder of LAYERS.flat()) expect(folders, `LAYERS names src/${folder}`).toContain(folder);
  });

  it("has no import of a later layer or of another folder of the same layer", () => {
    const wrong = edges
      .filter(({ from, to }) => {
        const a = folderOf(from);
        const b = folderOf(to);
        if (a === b) return false;
        if (a === "") return layerOf(b) >= layerOf("notebook"); // the package root gathers the library, not the tools
        if (b === "") return true; // nothing imports the package root
        return layerOf(b) >= layerOf(a);
      })
      .map(({ from, to }) => `src/${from} imports src/${to}`);
    expect(wrong).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const folderEdges = edges.map(({ from, to }): [string, string] => [folderOf(from), folderOf(to)]).filter(([a, b]) => a !== b);
    expect(cycles(folderEdges).map((c) => c.join(" → "))).toEqual([]);
  });

  it("has no cycle between files", () => {
    const fileEdges = edges.map(({ from, to }): [string, string] => [from, to]);
    expect(cycles(fileEdges).map((c) => c.join(" → "))).toEqual([]);
  });

  it("keeps the notebook tooling out of the package root: it is the subpath pdl/notebook", () => {
    expect(edges.filter(({ from, to }) => from === "index.ts" && folderOf(to) === "notebook")).toEqual([]);
    const pkg = JSON.parse(readFileSync(resolve(SRC, "../package.json"), "utf8"));
    expect(pkg.exports["."].default).toBe("./dist/index.js");
    expect(pkg.exports["./notebook"].default).toBe("./dist/notebook/index.js");
    expect(pkg.typesVersions["*"].notebook).toEqual(["dist/notebook/index.d.ts"]); // for moduleResolution "node" (tslab)
  });

  it("detects a cycle and an upward import when there is one", () => {
    expect(cycles([["a", "b"], ["b", "c"], ["c", "a"]])).toEqual([["a", "b", "c", "a"]]);
    expect(cycles([["a", "b"], ["b", "c"]])).toEqual([]);
    expect(layerOf("autograd")).toBeLessThan(layerOf("nn"));
  });
});
