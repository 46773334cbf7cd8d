/**
 * TeX-like labels (`$V_{\rm LSR}$ (km s$^{-1}$)`, `$\log_{10} N_{\rm HI}$`) rendered as
 * SVG `<tspan>` runs with font-size and baseline (`dy`) shifts, in the spirit of
 * matplotlib's mathtext. A small subset of TeX math: Greek letters and common symbols,
 * `^` and `_` scripts (nested, stacked when both follow one base), `{…}` groups, font
 * switches (`\rm`, `\mathrm{}`, `\text{}`, `\it`, `\mathit{}`, `\bf`, `\mathbf{}`),
 * function names (`\log`, `\exp`, …), accents (`\hat`, `\bar`, `\dot`, `\tilde`,
 * `\vec`), `\frac{a}{b}` (as a/b), `\sqrt{x}` and spacing commands.
 *
 * Rules:
 * - Math lies between a pair of unescaped `$`; an unpaired `$` is literal and `\$` is a
 *   literal dollar sign. Outside math every other character is literal.
 * - In math, Latin and lowercase Greek letters are italic unless a roman/bold font is
 *   selected, `-` becomes the minus sign U+2212, and `'` a prime. Spaces are kept
 *   (collapsed to one) so `$\log_{10} N$` reads as written; the space that ends a
 *   command name (`\rm LSR`) is consumed as in TeX.
 * - Unknown commands are shown literally (`\foo`), unmatched braces are ignored, and
 *   no input throws: every string yields some rendering.
 * - Every piece of text is escaped with {@link escapeXml} when turned into markup.
 */
import { escapeXml } from "./escape.js";
import { el } from "./svg.js";

/** A lexical token of a label. */
export type MathToken =
  /** Literal text outside math (`\$` already resolved to `$`). */
  | { readonly kind: "text"; readonly text: string }
  /** A `$` that opens or closes math. */
  | { readonly kind: "mathOpen" }
  | { readonly kind: "mathClose" }
  /** One character (code point) inside math. */
  | { readonly kind: "char"; readonly text: string }
  /** A run of whitespace inside math. */
  | { readonly kind: "space" }
  /** A control word (`\alpha` → `alpha`) or control symbol (`\,` → `,`). */
  | { readonly kind: "command"; readonly name: string }
  | { readonly kind: "open" }
  | { readonly kind: "close" }
  | { readonly kind: "sup" }
  | { readonly kind: "sub" };

/** Positions of the `$` signs that open and close math (unescaped, in pairs). */
function mathDelimiters(s: string): Set<number> {
  const pos: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      i++; // skip the escaped character (so `\$` is not a delimiter)
      continue;
    }
    if (s[i] === "$") pos.push(i);
  }
  if (pos.length % 2 === 1) pos.pop();
  return new Set(pos);
}

function isAsciiLetter(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
}

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** Split a label into {@link MathToken}s. Never throws. */
export function tokenizeLabel(s: string): MathToken[] {
  const delims = mathDelimiters(s);
  const out: MathToken[] = [];
  let inMath = false;
  let text = "";
  const flushText = () => {
    if (text !== "") out.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "$" && delims.has(i)) {
      if (!inMath) flushText();
      out.push(inMath ? { kind: "mathClose" } : { kind: "mathOpen" });
      inMath = !inMath;
      i++;
      continue;
    }
    if (!inMath) {
      if (c === "\\" && s[i + 1] === "$") {
        text += "$";
        i += 2;
      } else {
        text += c;
        i++;
      }
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= s.length) {
        out.push({ kind: "char", text: "\\" });
        i++;
        continue;
      }
      if (isAsciiLetter(s[i + 1])) {
        let j = i + 1;
        while (j < s.length && isAsciiLetter(s[j])) j++;
        out.push({ kind: "command", name: s.slice(i + 1, j) });
        while (j < s.length && isSpace(s[j])) j++; // TeX: spaces after a control word are eaten
        i = j;
      } else {
        const cp = String.fromCodePoint(s.codePointAt(i + 1) ?? 0x3f);
        out.push({ kind: "command", name: cp });
        i += 1 + cp.length;
      }
      continue;
    }
    if (isSpace(c)) {
      while (i < s.length && isSpace(s[i])) i++;
      out.push({ kind: "space" });
      continue;
    }
    if (c === "{") out.push({ kind: "open" });
    else if (c === "}") out.push({ kind: "close" });
    else if (c === "^") out.push({ kind: "sup" });
    else if (c === "_") out.push({ kind: "sub" });
    else {
      const cp = String.fromCodePoint(s.codePointAt(i) ?? 0x3f);
      out.push({ kind: "char", text: cp });
      i += cp.length;
      continue;
    }
    i++;
  }
  flushText();
  return out;
}

const GREEK_LOWER: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ϵ",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  omicron: "ο",
  pi: "π",
  varpi: "ϖ",
  rho: "ρ",
  varrho: "ϱ",
  sigma: "σ",
  varsigma: "ς",
  tau: "τ",
  upsilon: "υ",
  phi: "ϕ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
};

const UPRIGHT_SYMBOLS: Readonly<Record<string, string>> = {
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Upsilon: "Υ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  times: "×",
  pm: "±",
  mp: "∓",
  cdot: "·",
  div: "÷",
  odot: "⊙",
  sun: "☉",
  oplus: "⊕",
  otimes: "⊗",
  circ: "∘",
  bullet: "•",
  deg: "°",
  degree: "°",
  prime: "′",
  infty: "∞",
  partial: "∂",
  nabla: "∇",
  propto: "∝",
  sim: "∼",
  approx: "≈",
  simeq: "≃",
  equiv: "≡",
  neq: "≠",
  ne: "≠",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  ll: "≪",
  gg: "≫",
  lesssim: "≲",
  gtrsim: "≳",
  leftarrow: "←",
  rightarrow: "→",
  to: "→",
  leftrightarrow: "↔",
  Rightarrow: "⇒",
  langle: "⟨",
  rangle: "⟩",
  ell: "ℓ",
  hbar: "ℏ",
  AA: "Å",
  angstrom: "Å",
  dagger: "†",
  star: "⋆",
  ast: "∗",
  sum: "∑",
  prod: "∏",
  int: "∫",
  mid: "|",
  vert: "|",
  ldots: "…",
  dots: "…",
  cdots: "⋯",
  perp: "⊥",
  parallel: "∥",
  in: "∈",
  forall: "∀",
  exists: "∃",
  emptyset: "∅",
  cap: "∩",
  cup: "∪",
  lbrace: "{",
  rbrace: "}",
  percent: "%",
  quad: "\u2003",
  qquad: "\u2003\u2003",
};

const CONTROL_SYMBOLS: Readonly<Record<string, string>> = {
  ",": "\u2009",
  ":": "\u205f",
  ">": "\u205f",
  ";": "\u2004",
  "!": "",
  " ": " ",
  "{": "{",
  "}": "}",
  $: "$",
  "%": "%",
  _: "_",
  "&": "&",
  "#": "#",
  "\\": " ",
  "|": "‖",
};

const FUNCTIONS = new Set([
  "log",
  "ln",
  "lg",
  "exp",
  "sin",
  "cos",
  "tan",
  "cot",
  "sec",
  "csc",
  "arcsin",
  "arccos",
  "arctan",
  "sinh",
  "cosh",
  "tanh",
  "max",
  "min",
  "sup",
  "inf",
  "lim",
  "det",
  "arg",
  "dim",
  "mod",
]);

/** Combining marks for accents (placed after the accented text). */
const ACCENTS: Readonly<Record<string, string>> = {
  hat: "\u0302",
  widehat: "\u0302",
  bar: "\u0304",
  overline: "\u0305",
  dot: "\u0307",
  ddot: "\u0308",
  tilde: "\u0303",
  widetilde: "\u0303",
  vec: "\u20d7",
  check: "\u030c",
  acute: "\u0301",
  grave: "\u0300",
  breve: "\u0306",
};

const IGNORED = new Set([
  "left",
  "right",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "displaystyle",
  "textstyle",
  "scriptstyle",
  "limits",
  "nolimits",
  "mathstrut",
]);

type Font = "default" | "rm" | "it" | "bf";

const FONT_SWITCH: Readonly<Record<string, Font>> = { rm: "rm", it: "it", bf: "bf", mit: "it" };
const FONT_COMMAND: Readonly<Record<string, Font>> = {
  mathrm: "rm",
  text: "rm",
  textrm: "rm",
  mbox: "rm",
  operatorname: "rm",
  mathit: "it",
  textit: "it",
  mathbf: "bf",
  textbf: "bf",
  boldsymbol: "bf",
  bm: "bf",
  mathsf: "rm",
  mathtt: "rm",
};

/** Parsed math: symbols, groups with a font, scripts, accents, fractions. */
type MathNode =
  | { readonly type: "sym"; readonly text: string; readonly italicDefault: boolean }
  | { readonly type: "space" }
  | { readonly type: "group"; readonly font?: Font; readonly children: MathNode[] }
  | {
      readonly type: "scripts";
      readonly base: MathNode | undefined;
      readonly sup: MathNode | undefined;
      readonly sub: MathNode | undefined;
    }
  | { readonly type: "accent"; readonly mark: string; readonly child: MathNode }
  | { readonly type: "literal"; readonly text: string };

class MathParser {
  private pos = 0;
  constructor(private readonly tokens: readonly MathToken[]) {}

  private peek(): MathToken | undefined {
    return this.tokens[this.pos];
  }

  private atMathEnd(): boolean {
    const t = this.peek();
    return t === undefined || t.kind === "mathClose" || t.kind === "text" || t.kind === "mathOpen";
  }

  /** A sequence up to a closing brace (consumed) or the end of math (not consumed). */
  parseSequence(inGroup: boolean): MathNode[] {
    const out: MathNode[] = [];
    while (!this.atMathEnd()) {
      const t = this.peek();
      if (t?.kind === "close") {
        this.pos++;
        if (inGroup) return out;
        continue; // unmatched '}' at top level: ignored
      }
      if (t?.kind === "command" && FONT_SWITCH[t.name] !== undefined) {
        // `\rm …`: the rest of the current group in that font.
        this.pos++;
        const rest = this.parseSequence(inGroup);
        out.push({ type: "group", font: FONT_SWITCH[t.name], children: rest });
        return out;
      }
      if (t?.kind === "sup" || t?.kind === "sub") {
        out.push(this.parseScripts(undefined));
        continue;
      }
      const atom = this.parseAtom();
      if (atom === undefined) continue;
      const next = this.peek();
      if (atom.type !== "space" && (next?.kind === "sup" || next?.kind === "sub")) {
        out.push(this.parseScripts(atom));
      } else {
        out.push(atom);
      }
    }
    return out;
  }

  private parseScripts(base: MathNode | undefined): MathNode {
    let sup: MathNode | undefined;
    let sub: MathNode | undefined;
    for (;;) {
      const t = this.peek();
      if (t?.kind === "sup" && sup === undefined) {
        this.pos++;
        sup = this.parseArgument();
      } else if (t?.kind === "sub" && sub === undefined) {
        this.pos++;
        sub = this.parseArgument();
      } else break;
    }
    return { type: "scripts", base, sup, sub };
  }

  /** The argument of a script, accent or font command: a group or one atom (spaces skipped). */
  private parseArgument(): MathNode {
    while (this.peek()?.kind === "space") this.pos++;
    if (this.atMathEnd()) return { type: "group", children: [] };
    const t = this.peek();
    if (t?.kind === "sup" || t?.kind === "sub" || t?.kind === "close") {
      return { type: "group", children: [] };
    }
    return this.parseAtom() ?? { type: "group", children: [] };
  }

  /** One atom; `undefined` for tokens that produce nothing (ignored commands). */
  private parseAtom(): MathNode | undefined {
    const t = this.peek();
    if (t === undefined) return undefined;
    this.pos++;
    switch (t.kind) {
      case "space":
        return { type: "space" };
      case "open":
        return { type: "group", children: this.parseSequence(true) };
      case "char": {
        const c = t.text;
        if (c === "-") return { type: "sym", text: "\u2212", italicDefault: false };
        if (c === "'") return { type: "sym", text: "′", italicDefault: false };
        return { type: "sym", text: c, italicDefault: isAsciiLetter(c) };
      }
      case "command":
        return this.parseCommand(t.name);
      default:
        return undefined;
    }
  }

  private parseCommand(name: string): MathNode | undefined {
    const greek = GREEK_LOWER[name];
    if (greek !== undefined) return { type: "sym", text: greek, italicDefault: true };
    const sym = UPRIGHT_SYMBOLS[name];
    if (sym !== undefined) return { type: "sym", text: sym, italicDefault: false };
    const control = CONTROL_SYMBOLS[name];
    if (control !== undefined) return { type: "literal", text: control };
    if (FUNCTIONS.has(name)) return { type: "literal", text: name };
    const font = FONT_COMMAND[name];
    if (font !== undefined) {
      const arg = this.parseArgument();
      return { type: "group", font, children: [arg] };
    }
    const accent = ACCENTS[name];
    if (accent !== undefined) return { type: "accent", mark: accent, child: this.parseArgument() };
    if (name === "frac" || name === "tfrac" || name === "dfrac") {
      const num = this.parseArgument();
      const den = this.parseArgument();
      return {
        type: "group",
        children: [...wrapIfLong(num), { type: "literal", text: "/" }, ...wrapIfLong(den)],
      };
    }
    if (name === "sqrt") {
      const arg = this.parseArgument();
      return { type: "group", children: [{ type: "literal", text: "√" }, ...wrapIfLong(arg)] };
    }
    if (IGNORED.has(name)) return undefined;
    return { type: "literal", text: `\\${name}` };
  }
}

/** Number of characters a node would show (for deciding whether a fraction part needs parentheses). */
function nodeLength(n: MathNode): number {
  switch (n.type) {
    case "sym":
    case "literal":
      return [...n.text].length;
    case "space":
      return 1;
    case "group":
      return n.children.reduce((a, c) => a + nodeLength(c), 0);
    case "accent":
      return nodeLength(n.child);
    case "scripts":
      return 2;
  }
}

function wrapIfLong(n: MathNode): MathNode[] {
  return nodeLength(n) > 1
    ? [{ type: "literal", text: "(" }, n, { type: "literal", text: ")" }]
    : [n];
}

/** A run of text with one size, baseline shift and font style. */
export interface MathRun {
  readonly text: string;
  /** Script level: 0 for the base text, 1 for scripts, 2 for scripts of scripts. */
  readonly level: number;
  /** Baseline shift in em of the base font size; positive is up. */
  readonly shift: number;
  readonly italic: boolean;
  readonly bold: boolean;
  /** Extra horizontal offset before the run, in em of the base font size (stacked scripts). */
  readonly dx: number;
}

/** Font-size factor of script level `level` (1, 0.7, 0.55 for level ≥ 2). */
export function scriptScale(level: number): number {
  return level <= 0 ? 1 : level === 1 ? 0.7 : 0.55;
}

const SUP_RAISE = 0.4;
const SUB_DROP = 0.22;

interface FlatState {
  readonly runs: MathRun[];
  pendingDx: number;
  /** Width estimate (em of base size) for stacking scripts. */
  readonly width: (text: string, level: number) => number;
}

interface FlatCtx {
  readonly level: number;
  readonly shift: number;
  readonly font: Font;
}

function pushRun(st: FlatState, text: string, ctx: FlatCtx, italic: boolean, bold: boolean) {
  if (text === "") return;
  const run: MathRun = { text, level: ctx.level, shift: ctx.shift, italic, bold, dx: st.pendingDx };
  st.pendingDx = 0;
  const last = st.runs[st.runs.length - 1];
  if (
    last !== undefined &&
    run.dx === 0 &&
    last.level === run.level &&
    last.shift === run.shift &&
    last.italic === run.italic &&
    last.bold === run.bold
  ) {
    st.runs[st.runs.length - 1] = { ...last, text: last.text + text };
    return;
  }
  st.runs.push(run);
}

function runsWidth(runs: readonly MathRun[], st: FlatState): number {
  let w = 0;
  for (const r of runs) w += r.dx + st.width(r.text, r.level);
  return w;
}

function flatten(node: MathNode, ctx: FlatCtx, st: FlatState): void {
  switch (node.type) {
    case "sym": {
      const italic = ctx.font === "it" || (ctx.font === "default" && node.italicDefault);
      pushRun(st, node.text, ctx, italic, ctx.font === "bf");
      return;
    }
    case "literal":
      pushRun(st, node.text, ctx, ctx.font === "it", ctx.font === "bf");
      return;
    case "space": {
      const last = st.runs[st.runs.length - 1];
      if (last?.text.endsWith(" ")) return;
      pushRun(st, " ", ctx, false, false);
      return;
    }
    case "group": {
      const inner = node.font !== undefined ? { ...ctx, font: node.font } : ctx;
      for (const c of node.children) flatten(c, inner, st);
      return;
    }
    case "accent": {
      flatten(node.child, ctx, st);
      const last = st.runs[st.runs.length - 1];
      if (last !== undefined)
        st.runs[st.runs.length - 1] = { ...last, text: last.text + node.mark };
      return;
    }
    case "scripts": {
      if (node.base !== undefined) flatten(node.base, ctx, st);
      const scale = scriptScale(ctx.level);
      const level = Math.min(ctx.level + 1, 2);
      let supWidth = 0;
      if (node.sup !== undefined) {
        const start = st.runs.length;
        flatten(node.sup, { ...ctx, level, shift: ctx.shift + SUP_RAISE * scale }, st);
        supWidth = runsWidth(st.runs.slice(start), st);
      }
      if (node.sub !== undefined) {
        // A subscript after a superscript on the same base steps back under it.
        const stacked = node.sup !== undefined;
        if (stacked) st.pendingDx -= supWidth;
        const start = st.runs.length;
        flatten(node.sub, { ...ctx, level, shift: ctx.shift - SUB_DROP * scale }, st);
        const subWidth = runsWidth(st.runs.slice(start), st) + (stacked ? supWidth : 0);
        if (stacked && supWidth > subWidth) st.pendingDx += supWidth - subWidth;
      }
      return;
    }
  }
}

/** Width in em of `text` at script `level`, using `estimate` (width in px at a given size). */
function emWidth(estimate: (s: string, size: number) => number) {
  return (text: string, level: number) => estimate(text, 100 * scriptScale(level)) / 100;
}

/**
 * Parse a label into runs. `estimate(text, size)` is the text-width estimate used to stack
 * a superscript over a subscript (pass `estimateTextWidth`).
 */
export function parseLabel(
  label: string,
  estimate: (s: string, size: number) => number,
): MathRun[] {
  const tokens = tokenizeLabel(label);
  const st: FlatState = { runs: [], pendingDx: 0, width: emWidth(estimate) };
  const base: FlatCtx = { level: 0, shift: 0, font: "default" };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === "text") {
      pushRun(st, t.text, base, false, false);
      i++;
      continue;
    }
    if (t.kind === "mathOpen") {
      let j = i + 1;
      while (j < tokens.length && tokens[j].kind !== "mathClose") j++;
      const parser = new MathParser(tokens.slice(i + 1, j));
      for (const node of parser.parseSequence(false)) flatten(node, base, st);
      i = j + 1;
      continue;
    }
    i++;
  }
  return st.runs;
}

/** Estimated width in px of the runs of a label at base font size `size`. */
export function runsWidthPx(
  runs: readonly MathRun[],
  size: number,
  estimate: (s: string, size: number) => number,
): number {
  let w = 0;
  for (const r of runs) w += r.dx * size + estimate(r.text, size * scriptScale(r.level));
  return w;
}

/**
 * SVG children (escaped text and `<tspan>`s) for `runs` at base font size `size`.
 * A label that is one plain run gives just its escaped text.
 */
export function runsMarkup(runs: readonly MathRun[], size: number): string {
  let out = "";
  let current = 0; // current baseline shift in px (positive up)
  for (const r of runs) {
    const shiftPx = r.shift * size;
    const dy = current - shiftPx;
    current = shiftPx;
    const plain = r.level === 0 && !r.italic && !r.bold && r.dx === 0 && Math.abs(dy) < 1e-9;
    if (plain) {
      out += escapeXml(r.text);
      continue;
    }
    out += el(
      "tspan",
      {
        dx: r.dx !== 0 ? r.dx * size : undefined,
        dy: Math.abs(dy) >= 1e-9 ? dy : undefined,
        "font-size": r.level > 0 ? size * scriptScale(r.level) : undefined,
        "font-style": r.italic ? "italic" : undefined,
        "font-weight": r.bold ? "bold" : undefined,
      },
      escapeXml(r.text) || " ",
    );
  }
  return out;
}

/** The label as plain Unicode text (scripts inline, no markup), e.g. for `<title>` or alt text. */
export function runsPlainText(runs: readonly MathRun[]): string {
  return runs.map((r) => r.text).join("");
}

/**
 * The runs as an HTML fragment: escaped text, raised runs in `<sup>`, lowered runs in
 * `<sub>`, italic runs in `<i>`, bold in `<b>` (for report captions and table labels).
 */
export function runsHtml(runs: readonly MathRun[]): string {
  return runs
    .map((r) => {
      let h = escapeXml(r.text);
      if (r.italic) h = `<i>${h}</i>`;
      if (r.bold) h = `<b>${h}</b>`;
      if (r.shift > 0) h = `<sup>${h}</sup>`;
      else if (r.shift < 0) h = `<sub>${h}</sub>`;
      return h;
    })
    .join("");
}
