import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** The .ipynb files at `path` (a file, or a folder searched recursively, checkpoints skipped), sorted. */
export function findNotebooks(path: string): string[] {
  const full = resolve(path);
  if (!statSync(full).isDirectory()) return [full];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".ipynb")) found.push(p);
    }
  };
  walk(full);
  return found;
}
