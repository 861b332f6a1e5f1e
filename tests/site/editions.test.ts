/**
 * The static site with both editions, built from a small notebooks folder (the start-here notebook and its
 * Japanese twin): each edition has its own index, the pages say their language, and every page links to its twin
 * in the other edition (the whole site, drawn in Chromium, is tests/site.test.ts).
 */
import { afterAll, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { buildSite } from "../../src/site/build";
import { titleAndGoals } from "../../src/site/render";
import { repoRoot } from "../helpers/tools";

// Inside the repository, so that the notebooks' `import … from "pdl"` resolves (tests/.tmp is git-ignored).
mkdirSync(join(repoRoot, "tests", ".tmp"), { recursive: true });
const work = mkdtempSync(join(repoRoot, "tests", ".tmp", "site-editions-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run site with the Japanese edition", () => {
  it("writes index.html and ja/index.html, each listing its edition, and links every page to its twin", async () => {
    const notebooks = join(work, "notebooks");
    mkdirSync(join(notebooks, "ja"), { recursive: true });
    copyFileSync(join(repoRoot, "notebooks", "00-start-here.ipynb"), join(notebooks, "00-start-here.ipynb"));
    copyFileSync(join(repoRoot, "notebooks", "ja", "00-start-here.ipynb"), join(notebooks, "ja", "00-start-here.ipynb"));
    const out = join(work, "site");
    const pages = await buildSite({ notebooksDir: notebooks, outDir: out });
    expect(pages.map((p) => p.page)).toEqual(["00-start-here.html", "ja/00-start-here.html"]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.index.page).toBe("index.html");
    expect(manifest.jaIndex.page).toBe("ja/index.html");

    const read = (page: string) => readFileSync(join(out, page), "utf8");
    const index = read("index.html");
    const jaIndex = read("ja/index.html");
    expect(index).toContain('<html lang="en">');
    expect(jaIndex).toContain('<html lang="ja">');
    expect(index).toContain('href="00-start-here.html"');
    expect(index).not.toContain('href="ja/00-start-here.html"');
    expect(index).toContain('hreflang="ja" href="ja/index.html"');
    expect(jaIndex).toContain('href="00-start-here.html"');
    expect(jaIndex).toContain('hreflang="en" href="../index.html"');
    expect(jaIndex).toContain("プログラミングと深層学習");

    const en = read("00-start-here.html");
    const ja = read("ja/00-start-here.html");
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain("ノートブック一覧");
    expect(en).toContain('hreflang="ja" href="ja/00-start-here.html">日本語</a>');
    expect(ja).toContain('hreflang="en" href="../00-start-here.html">English</a>');
    // One page per edition: no previous/next link leads from one edition into the other.
    expect(en).not.toMatch(/rel="(prev|next)"/);
    expect(ja).not.toMatch(/rel="(prev|next)"/);
    for (const page of ["index.html", "ja/index.html", "00-start-here.html", "ja/00-start-here.html"]) {
      for (const m of read(page).matchAll(/<a [^>]*href="([^"#:]+)"/g)) {
        if (m[1].endsWith(".html")) expect(existsSync(resolve(dirname(join(out, page)), m[1])), `${page}: link ${m[1]}`).toBe(true);
      }
    }
  }, 180_000);

  it("the Japanese index shows each notebook's learning goals (学習目標 / このノートブックでは)", () => {
    const read = (path: string) => JSON.parse(readFileSync(join(repoRoot, "notebooks", path), "utf8"));
    expect(titleAndGoals(read("ja/day1/01-learning-problem.ipynb")).goals).toMatch(/^\*\*学習目標\.\*\*/);
    expect(titleAndGoals(read("ja/00-start-here.ipynb")).goals).toMatch(/^\*\*このノートブックでは\*\*/);
    expect(titleAndGoals(read("day1/01-learning-problem.ipynb")).goals).toMatch(/^\*\*Learning goals\.\*\*/);
  });
});
