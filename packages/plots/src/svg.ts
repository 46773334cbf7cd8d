/**
 * Minimal SVG element builder. Attribute values are escaped (strings) or rounded
 * with {@link fmt} (numbers); attribute order is insertion order, so output is
 * deterministic.
 */
import { escapeXml } from "./escape.js";
import { fmt } from "./format.js";
import { THEME } from "./theme.js";

/** Attribute map; `undefined` and `false` values are omitted, `true` writes the bare name as value. */
export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

/** Serialise attributes as ` name="value"` pairs. */
export function attrs(a: Attrs): string {
  let out = "";
  for (const key of Object.keys(a)) {
    const v = a[key];
    if (v === undefined || v === false) continue;
    const s = typeof v === "number" ? fmt(v) : v === true ? key : escapeXml(v);
    out += ` ${key}="${s}"`;
  }
  return out;
}

/**
 * Build an element. `children` is trusted markup produced by this package's builders;
 * pass user text through {@link escapeXml} (or use `textMark`) first.
 */
export function el(tag: string, a: Attrs = {}, children?: string | readonly string[]): string {
  const body =
    children === undefined ? "" : typeof children === "string" ? children : children.join("");
  return body === "" ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${body}</${tag}>`;
}

/** Options for {@link svgDocument}. */
export interface SvgDocumentOptions {
  /** Width in CSS pixels. */
  readonly width: number;
  /** Height in CSS pixels. */
  readonly height: number;
  /** Accessible title (`<title>`); escaped. */
  readonly title?: string;
  /** Background fill; `"none"` for transparent. Default white. */
  readonly background?: string;
}

/** Wrap body markup in a standalone `<svg>` document with the package font and background. */
export function svgDocument(opts: SvgDocumentOptions, body: readonly string[]): string {
  const { width, height } = opts;
  if (!(width > 0 && height > 0)) throw new RangeError("svgDocument: width and height must be > 0");
  const bg = opts.background ?? THEME.background;
  const parts: string[] = [];
  if (opts.title !== undefined) parts.push(el("title", {}, escapeXml(opts.title)));
  if (bg !== "none") parts.push(el("rect", { width: "100%", height: "100%", fill: bg }));
  parts.push(...body);
  const head = attrs({
    xmlns: "http://www.w3.org/2000/svg",
    width,
    height,
    viewBox: `0 0 ${fmt(width)} ${fmt(height)}`,
    "font-family": THEME.fontFamily,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg${head}>\n${parts.join("\n")}\n</svg>\n`;
}
