/** How a tensor prints: its shape, op and flags, then a trimmed view of the entries. */
import { formatShape, describe } from "../util/errors";
import { Tensor } from "./graph";

function formatNumber(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(3);
  return String(Number(x.toPrecision(5)));
}

/** `Tensor [2, 3] (matmul, requires grad)` followed by a trimmed view of the entries. */
export function formatTensor(t: Tensor, maxRows = 8, maxCols = 8): string {
  if (!(t instanceof Tensor)) throw new TypeError(`formatTensor: t must be a Tensor, got ${describe(t)}`);
  const tags = [t.op === "leaf" ? "" : t.op, t.requiresGrad ? "requires grad" : "", t.name ?? ""].filter((s) => s !== "");
  const header = `Tensor ${formatShape(t.shape)}${tags.length > 0 ? ` (${tags.join(", ")})` : ""}`;
  if (t.size === 0) return `${header} []`;
  if (t.ndim === 0) return `${header} ${formatNumber(t.data[0])}`;
  const rowLen = t.shape[t.ndim - 1];
  const rows = t.size / rowLen;
  const formatRow = (r: number): string => {
    const cells: string[] = [];
    const show = rowLen <= maxCols ? rowLen : maxCols - 2;
    for (let j = 0; j < show; j++) cells.push(formatNumber(t.data[r * rowLen + j]));
    if (rowLen > maxCols) cells.push("…", formatNumber(t.data[r * rowLen + rowLen - 1]));
    return `[${cells.join(", ")}]`;
  };
  if (t.ndim === 1) return `${header}\n${formatRow(0)}`;
  const lines: string[] = [];
  const showRows = rows <= maxRows ? rows : maxRows - 2;
  for (let r = 0; r < showRows; r++) lines.push(" " + formatRow(r));
  if (rows > maxRows) lines.push(" …", " " + formatRow(rows - 1));
  const note = t.ndim > 2 ? ` (shown as ${rows} rows of the last axis)` : "";
  return `${header}${note}\n[${lines.join("\n").slice(1)}]`;
}
