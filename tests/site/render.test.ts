import { describe, expect, it } from "vitest";
import { renderMarkdown, renderNotebook, titleAndGoals } from "../../src/site/render";
import { figureHtml, pageHtml, SITE_NOT_DRAWN_MESSAGE } from "../../src/site/page";
import { figureBundle, loaderBundle, lineFigure } from "../../src/plot/index";
import type { NotebookJson } from "../../src/notebook/index";

function notebook(cells: NotebookJson["cells"]): NotebookJson {
  return { cells, metadata: {}, nbformat: 4, nbformat_minor: 5 };
}

describe("site rendering", () => {
  it("renders inline and display math with KaTeX and counts the formulas; code spans keep their dollars", () => {
    const counter = { math: 0 };
    const html = renderMarkdown("A vector $x \\in \\mathbb R^n$, and `${x}` in code.\n\n$$E\\|h_l\\|^2 = q$$\n", counter);
    expect(counter.math).toBe(2);
    expect(html.match(/<span class="katex">/g)).toHaveLength(2);
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain("<code>${x}</code>");
    expect(html).not.toContain("katex-error");
  });

  it("points links to other notebooks at their pages", () => {
    const html = renderMarkdown("see [notebook 02](day1/02-datasets.ipynb#top) and [the site](https://example.org)", { math: 0 });
    expect(html).toContain('href="day1/02-datasets.html#top"');
    expect(html).toContain('href="https://example.org"');
  });

  it("finds the title and the learning goals in the first markdown cell", () => {
    const nb = notebook([
      { cell_type: "markdown", metadata: {}, source: "# 01 · The problem $f$\n\nIntro.\n\n**Learning goals.** After this you can\n- do $a$;\n- do b.\n\nMore." },
    ]);
    const { title, goals } = titleAndGoals(nb);
    expect(title).toBe("01 · The problem $f$");
    expect(goals).toBe("**Learning goals.** After this you can\n- do $a$;\n- do b.");
  });

  it("turns figure outputs into interactive figures, drops the plotly.js loader, keeps text and streams", () => {
    const fig = lineFigure({ y: [1, 2, 3] });
    const nb = notebook([
      { cell_type: "markdown", metadata: {}, source: "# T\n\n**In this notebook** you learn $x$." },
      {
        cell_type: "code",
        metadata: {},
        source: "show(fig)",
        outputs: [
          { output_type: "display_data", ...loaderBundle() },
          { output_type: "display_data", ...figureBundle(fig) },
          { output_type: "stream", name: "stdout", text: ["a < b\n"] },
        ],
      },
    ]);
    const r = renderNotebook(nb, "t");
    expect(r.figures).toBe(1);
    expect(r.math).toBe(1);
    expect(r.body).not.toContain("pdl-plotly-loader");
    expect(r.body.length).toBeLessThan(100_000); // no inlined plotly.js
    expect(r.body).toContain('<div id="t-fig-1" class="pdl-site-figure"');
    expect(r.body).toContain("a &lt; b");
    expect(r.body).toContain("<code class=\"language-typescript\">show(fig)</code>");
  });

  it("a page loads the shared assets relative to its folder and links previous and next", () => {
    const html = pageHtml({ title: "P", body: figureHtml(lineFigure({ y: [1] }), "f1"), root: "../", index: "../index.html", previous: { href: "a.html", title: "A" }, next: { href: "../b.html", title: "B" } });
    expect(html).toContain('<script src="../assets/plotly.min.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="../assets/katex/katex.min.css">');
    expect(html).toContain('<a rel="prev" href="a.html">← A</a>');
    expect(html).toContain('<a rel="next" href="../b.html">B →</a>');
    expect(html).toContain(SITE_NOT_DRAWN_MESSAGE);
  });
});
