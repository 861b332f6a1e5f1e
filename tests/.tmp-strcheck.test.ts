import ts from "typescript";
import { readFileSync } from "node:fs";
import { globSync } from "node:fs";
function strings(src: string): string[] {
  const sf = ts.createSourceFile("c.ts", src, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => { if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text); ts.forEachChild(n, visit); };
  visit(sf); return out;
}
const word = /^[A-Za-z0-9_.:\/#+\-]*$/;
for (const en of globSync("notebooks/**/*.ipynb").filter((p) => !p.startsWith("notebooks/ja/"))) {
  const ja = en.replace("notebooks/", "notebooks/ja/");
  const E = JSON.parse(readFileSync(en, "utf8")), J = JSON.parse(readFileSync(ja, "utf8"));
  E.cells.forEach((c: any, i: number) => {
    if (c.cell_type !== "code") return;
    const a = strings([].concat(c.source).join("")), b = strings([].concat(J.cells[i].source).join(""));
    a.forEach((s, k) => { if (word.test(s) && s !== b[k]) console.log(en, c.id, JSON.stringify(s), "→", JSON.stringify(b[k])); });
  });
}
