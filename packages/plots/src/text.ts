/**
 * Text marks: escaped `<text>` elements (TeX-like `$…$` math rendered as `<tspan>`s, see
 * `mathtext.ts`), an approximate width estimate (no font metrics are available
 * headless), and base^{sup}_{sub} text for quantile titles.
 */
import { PlotError } from "./errors.js";
import { escapeXml } from "./escape.js";
import { fmt } from "./format.js";
import { parseLabel, runsHtml, runsMarkup, runsPlainText, runsWidthPx } from "./mathtext.js";
import { el } from "./svg.js";
import { THEME } from "./theme.js";

/** Horizontal anchor of a text mark. */
export type TextAnchor = "start" | "middle" | "end";
/** Vertical alignment of a text mark relative to its `y`. */
export type TextBaseline = "alphabetic" | "middle" | "top" | "bottom";

/** Style of a text mark. */
export interface TextStyle {
  readonly size?: number;
  readonly anchor?: TextAnchor;
  readonly baseline?: TextBaseline;
  readonly fill?: string;
  readonly weight?: "normal" | "bold";
  /** Rotation in degrees about (x, y). */
  readonly rotate?: number;
  readonly className?: string;
  /** Interpret `$…$` as TeX-like math (default true); `false` writes the string verbatim. */
  readonly math?: boolean;
}

// Advance widths in em of DejaVu Sans (the default font) for common characters;
// other characters fall back to a class average.
const ADVANCE: Readonly<Record<string, number>> = {
  " ": 0.318,
  ".": 0.318,
  ",": 0.318,
  ":": 0.337,
  ";": 0.337,
  "!": 0.4,
  "|": 0.337,
  "'": 0.275,
  "(": 0.39,
  ")": 0.39,
  "[": 0.39,
  "]": 0.39,
  "{": 0.636,
  "}": 0.636,
  "/": 0.337,
  "%": 0.95,
  "-": 0.361,
  _: 0.5,
  "+": 0.838,
  "=": 0.838,
  "<": 0.838,
  ">": 0.838,
  "~": 0.838,
  "\u2212": 0.838,
  "\u00d7": 0.838,
  i: 0.278,
  j: 0.278,
  l: 0.278,
  f: 0.352,
  t: 0.392,
  r: 0.411,
  s: 0.521,
  z: 0.525,
  c: 0.55,
  k: 0.579,
  v: 0.592,
  x: 0.592,
  y: 0.592,
  m: 0.974,
  w: 0.818,
  I: 0.295,
  J: 0.295,
  M: 0.863,
  W: 0.989,
};

/** Estimated rendered width in pixels of `s` at font size `size` (DejaVu Sans metrics). */
export function estimateTextWidth(s: string, size: number): number {
  let em = 0;
  for (const ch of s) {
    const w = ADVANCE[ch];
    if (w !== undefined) em += w;
    else if (ch >= "0" && ch <= "9") em += 0.636;
    else if (ch >= "A" && ch <= "Z") em += 0.7;
    else em += 0.62;
  }
  return em * size;
}

/** Pixel shift applied to `y` so the text sits at the requested vertical alignment. */
function baselineShift(baseline: TextBaseline, size: number): number {
  switch (baseline) {
    case "middle":
      return 0.36 * size;
    case "top":
      return 0.76 * size;
    case "bottom":
      return -0.24 * size;
    default:
      return 0;
  }
}

const CONTROL_NAMES: Readonly<Record<number, string>> = {
  7: "bell (\\a)",
  8: "backspace (\\b)",
  9: "tab (\\t)",
  10: "line feed (\\n)",
  11: "vertical tab (\\v)",
  12: "form feed (\\f)",
  13: "carriage return (\\r)",
};

/**
 * Throws a `PlotError` when text meant for a label, title, legend or tick contains a control
 * character (U+0000–U+001F, U+007F). They are invisible or break the line in SVG, and they are
 * almost always TeX written in a plain JavaScript string: in `"$G_{\rm BP}$"` the `\r` is a
 * carriage return, so the label renders as "G m BP". Write `"$G_{\\rm BP}$"` or use
 * `String.raw`.
 */
export function checkLabelText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      const code = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
      throw new PlotError(
        "text",
        "label",
        "value",
        `${JSON.stringify(text)} contains the control character ${code}${CONTROL_NAMES[c] ? ` ${CONTROL_NAMES[c]}` : ""} at index ${i}; TeX in a plain string loses its backslashes ("\\rm" → carriage return + "m"): write "\\\\rm" or use String.raw`,
      );
    }
  }
  return text;
}

/** Runs of a label whose text was checked by {@link checkLabelText}. */
function parsedLabel(label: string) {
  return parseLabel(checkLabelText(label), estimateTextWidth);
}

/**
 * Estimated width in pixels of a label with TeX-like math (`$V_{\rm LSR}$`) at font size
 * `size`; equals {@link estimateTextWidth} for labels without math.
 */
export function labelWidth(label: string, size: number): number {
  return runsWidthPx(parsedLabel(label), size, estimateTextWidth);
}

/** SVG children of a label: escaped text, with `<tspan>`s for math (see `mathtext.ts`). */
export function labelMarkup(label: string, size: number): string {
  return runsMarkup(parsedLabel(label), size);
}

/** A label as an HTML fragment (escaped; `<sub>`, `<sup>`, `<i>` for math). */
export function labelHtml(label: string): string {
  return runsHtml(parsedLabel(label));
}

/** A label as plain Unicode text: math commands resolved, script markers and `$` removed. */
export function labelPlainText(label: string): string {
  return runsPlainText(parsedLabel(label));
}

/**
 * A `<text>` element with escaped content; `$…$` spans are rendered as math
 * (sub/superscripts, Greek letters) unless `style.math` is false.
 */
export function textMark(x: number, y: number, content: string, style: TextStyle = {}): string {
  const size = style.size ?? THEME.tickFontSize;
  const anchor = style.anchor ?? "start";
  const dy = baselineShift(style.baseline ?? "alphabetic", size);
  const rotate = style.rotate ?? 0;
  // Rotate about the anchor point, then shift along the rotated baseline normal.
  const transform = rotate !== 0 ? `rotate(${rotate} ${fmt(x)} ${fmt(y)})` : undefined;
  return el(
    "text",
    {
      class: style.className,
      x,
      y: y + dy,
      "font-size": size,
      "font-weight": style.weight === "bold" ? "bold" : undefined,
      "text-anchor": anchor === "start" ? undefined : anchor,
      fill: style.fill ?? THEME.textColor,
      transform,
    },
    style.math === false ? escapeXml(checkLabelText(content)) : labelMarkup(content, size),
  );
}

const SCRIPT_SCALE = 0.72;

/** Estimated width of {@link supSubText} output at font size `size`. */
export function supSubWidth(base: string, sup: string, sub: string, size: number): number {
  const small = size * SCRIPT_SCALE;
  const scriptW = Math.max(estimateTextWidth(sup, small), estimateTextWidth(sub, small));
  return estimateTextWidth(base, size) + 1 + scriptW;
}

/**
 * Text of the form `base` followed by a stacked superscript and subscript (as in
 * `μ = 1.23^{+0.12}_{−0.11}`), in one `<text>` so the renderer's own metrics place the
 * scripts right after the base; only the step back from superscript to subscript uses
 * {@link estimateTextWidth}.
 */
export function supSubText(
  x: number,
  y: number,
  base: string,
  sup: string,
  sub: string,
  style: Pick<TextStyle, "size" | "anchor" | "fill" | "className"> = {},
): string {
  const size = style.size ?? THEME.titleFontSize;
  const small = size * SCRIPT_SCALE;
  const anchor = style.anchor ?? "start";
  return el(
    "text",
    {
      class: style.className,
      x,
      y,
      "font-size": size,
      "text-anchor": anchor === "start" ? undefined : anchor,
      fill: style.fill ?? THEME.textColor,
    },
    [
      escapeXml(checkLabelText(base)),
      el("tspan", { dx: 1, dy: -size * 0.42, "font-size": small }, escapeXml(checkLabelText(sup))),
      el(
        "tspan",
        { dx: -estimateTextWidth(sup, small), dy: size * 0.68, "font-size": small },
        escapeXml(checkLabelText(sub)),
      ),
    ],
  );
}
