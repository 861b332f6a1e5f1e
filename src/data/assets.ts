/**
 * Where the files in the repository's assets/ folder are: the data that ships with the lecture (photos,
 * spoken digits, the text corpus, a compact copy of the MNIST digits). Nothing is downloaded at run time.
 */
import fs from "node:fs";
import path from "node:path";

/** The absolute path of assets/ (found from this module's location, in src/ or in dist/). */
export function assetsDirectory(): string {
  const candidates = [path.resolve(__dirname, "../../assets"), path.resolve(__dirname, "../../../assets")];
  for (const dir of candidates) if (fs.existsSync(dir)) return dir;
  throw new Error(`the assets/ folder was not found (looked in ${candidates.join(" and ")})`);
}

/** The absolute path of a file inside assets/, e.g. `assetPath("images/chelsea.png")`. */
export function assetPath(relative: string): string {
  return path.join(assetsDirectory(), relative);
}
