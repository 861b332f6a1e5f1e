/**
 * The name analysis of a live figure's function: which names does its source use that it does not declare
 * itself, and can the page provide each of them?
 *
 * tslab compiles a cell to CommonJS before running it, so inside `fn.toString()`:
 * - a name imported from the library, `import { eye } from "pdl"`, reads `pdl_1.eye` (`pdl_2` for a second import
 *   line; `import * as pdl` keeps `pdl`): the page provides it from its bundle if the name is in the browser part
 *   of the library (plot/../browser.ts), and refuses a kernel-only one such as `show`;
 * - a name from an earlier cell reads `exports.n`; one from the same cell stays `n`: both must be passed as
 *   `constants` (plain data), since the page cannot see the kernel's variables. tslab re-exports an earlier
 *   cell's imports the same way, so `exports.eye` that is not a constant but a library name is the library's;
 *   (an earlier cell's own variable named like a library function is therefore read as the library's);
 * - standard JavaScript (`Math`, `Array`, `Float64Array`, …) is the same in both places.
 *
 * The scopes are simplified: a name declared anywhere in the function (a parameter, a `const`, an inner
 * `function`) counts as declared everywhere in it. That can only accept a name used outside its block, which
 * then fails at cell time when the kernel runs the compiled function, never silently in the page.
 */

/** The names and library members a function's source uses from outside. */
export interface FreeNames {
  /** Free identifiers, in order of first use (without standard globals). */
  free: string[];
  /** `X` of every `exports.X` (names from earlier tslab cells). */
  earlierCells: string[];
  /** For each library alias (`pdl_1`, `pdl`), the members used (`eye` of `pdl_1.eye`). */
  libraryMembers: Record<string, string[]>;
  /** The function mentions `this`. */
  usesThis: boolean;
}

/** Standard JavaScript names the kernel and the page share. */
export const STANDARD_GLOBALS: ReadonlySet<string> = new Set([
  "Math", "Number", "String", "Boolean", "Array", "Object", "JSON", "Symbol", "BigInt", "Date", "RegExp", "Map", "Set",
  "WeakMap", "WeakSet", "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "Infinity", "NaN",
  "undefined", "isFinite", "isNaN", "parseFloat", "parseInt", "Float64Array", "Float32Array", "Int32Array",
  "Int16Array", "Int8Array", "Uint32Array", "Uint16Array", "Uint8Array", "Uint8ClampedArray", "ArrayBuffer",
  "DataView", "console", "arguments", "Intl", "Reflect", "Proxy", "Promise", "encodeURIComponent", "decodeURIComponent",
]);

/** Names that exist only in the kernel (Node, tslab). */
const KERNEL_GLOBALS = new Set(["process", "require", "module", "Buffer", "__dirname", "__filename", "global", "tslab", "setImmediate"]);

/** A library alias as tslab's compiler writes it: `pdl`, `pdl_1`, `pdl_2`, … */
export function isLibraryAlias(name: string): boolean {
  return /^pdl(_\d+)?$/.test(name);
}

type TS = typeof import("typescript");
let typescript: TS | undefined;

/** The TypeScript compiler tslab itself loaded (already in memory in the kernel), else the project's. */
function loadTypeScript(): TS {
  if (typescript) return typescript;
  for (const name of ["@tslab/typescript-for-tslab", "typescript"]) {
    try {
      typescript = require(name) as TS;
      return typescript;
    } catch {
      // try the next one
    }
  }
  throw new Error("liveFigure: no TypeScript compiler found to read the function (npm install installs one)");
}

/** The free names of a function's source text (JavaScript, as `fn.toString()` gives it). */
export function freeNames(source: string): FreeNames {
  const ts = loadTypeScript();
  const file = ts.createSourceFile("live.js", `(${source})`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const declared = new Set<string>();
  const used: string[] = [];
  const earlierCells: string[] = [];
  const libraryMembers: Record<string, string[]> = {};
  let usesThis = false;

  const declareBinding = (name: import("typescript").BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declareBinding(element.name);
  };
  const isReference = (node: import("typescript").Identifier): boolean => {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
    if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.name === node) return false;
    if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
    if ((ts.isLabeledStatement(parent) || ts.isBreakStatement(parent) || ts.isContinueStatement(parent)) && parent.label === node) return false;
    if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) ||
      ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) ||
      ts.isClassExpression(parent)) && parent.name === node) return false;
    if (ts.isMetaProperty(parent)) return false;
    return true;
  };
  const visit = (node: import("typescript").Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node)) declareBinding(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name) {
      declared.add(node.name.text);
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) usesThis = true;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const owner = node.expression.text;
      const member = node.name.text;
      if (owner === "exports" && !earlierCells.includes(member)) earlierCells.push(member);
      if (isLibraryAlias(owner)) {
        const list = (libraryMembers[owner] ??= []);
        if (!list.includes(member)) list.push(member);
      }
    }
    if (ts.isIdentifier(node) && isReference(node) && !used.includes(node.text)) used.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  const free = used.filter((name) => !declared.has(name) && !STANDARD_GLOBALS.has(name));
  return { free, earlierCells, libraryMembers, usesThis };
}

/** What the page will bind: the library aliases and the constants' names; or the problems, one line each. */
export interface LiveNameResolution {
  libraryAliases: string[];
  /** Library names the function reads as `exports.X` (imported in an earlier cell). */
  exportsFromLibrary: string[];
  problems: string[];
}

/**
 * Checks that every outside name of the function can be provided in the page: library aliases whose members are
 * all in the browser part of the library, `exports.X` and bare names that are in `constants`, standard globals.
 * Each other name gives one line saying what it is and how to fix it.
 */
export function resolveLiveNames(
  names: FreeNames,
  constants: ReadonlySet<string>,
  browserNames: ReadonlySet<string>,
  libraryNames: ReadonlySet<string>,
): LiveNameResolution {
  const problems: string[] = [];
  const libraryAliases: string[] = [];
  const exportsFromLibrary: string[] = [];
  if (names.usesThis) {
    problems.push(
      "`this`: the page calls the function on its own, so `this` means nothing there. Write an arrow function " +
        "and pass the data it needs in `constants`.",
    );
  }
  for (const name of names.free) {
    if (isLibraryAlias(name)) {
      libraryAliases.push(name);
      for (const member of names.libraryMembers[name] ?? []) {
        if (browserNames.has(member)) continue;
        if (libraryNames.has(member)) {
          problems.push(kernelOnly(member));
        } else {
          problems.push(`\`${member}\` is not a name the library exports.`);
        }
      }
    } else if (name === "exports") {
      // tslab re-exports an earlier cell's imports too: `exports.eye` is the library's `eye` imported there.
      for (const member of names.earlierCells) {
        if (constants.has(member)) continue;
        if (browserNames.has(member)) exportsFromLibrary.push(member);
        else if (libraryNames.has(member)) problems.push(kernelOnly(member));
        else problems.push(missingConstant(member, "an earlier cell"));
      }
    } else if (KERNEL_GLOBALS.has(name)) {
      problems.push(`\`${name}\` exists only in the kernel (Node), not in a web page.`);
    } else if (!constants.has(name)) {
      problems.push(missingConstant(name, "this cell"));
    }
  }
  return { libraryAliases, exportsFromLibrary, problems };
}

function kernelOnly(member: string): string {
  if (member === "show" || member === "liveFigure" || member === "display") {
    return `\`${member}\` draws in the kernel only: the function must return the figure (the page draws it), not show it.`;
  }
  return (
    `\`${member}\` needs the kernel (files, the display or Node) and is not in the page's library: call it ` +
    `before liveFigure and pass its result as plain data in \`constants\`.`
  );
}

function missingConstant(name: string, where: string): string {
  return (
    `\`${name}\` comes from ${where}, and the page cannot see the kernel's variables: pass it with ` +
    `\`constants: { ${name}: ${name} }\` if it is plain data (numbers, strings, arrays, plain objects), or define it ` +
    `inside the function (a helper function too).`
  );
}

/** The error thrown when names cannot be resolved: one line per problem. */
export function liveNameError(problems: string[]): Error {
  const head = "liveFigure: the function cannot run in the page, because of the names it uses:";
  return new ReferenceError([head, ...problems.map((p) => `  - ${p}`)].join("\n"));
}
