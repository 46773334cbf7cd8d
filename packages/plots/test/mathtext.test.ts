import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  estimateTextWidth,
  labelHtml,
  labelMarkup,
  labelPlainText,
  labelWidth,
  parseLabel,
  svgDocument,
  textMark,
  tokenizeLabel,
} from "../src/index.js";
import { assertWellFormed, count } from "./helpers.js";

describe("tokenizeLabel", () => {
  it("splits the seeds' velocity label into text and math tokens", () => {
    expect(tokenizeLabel("$V_{\\rm LSR}$ (km s$^{-1}$)")).toEqual([
      { kind: "mathOpen" },
      { kind: "char", text: "V" },
      { kind: "sub" },
      { kind: "open" },
      { kind: "command", name: "rm" }, // the space ending "\rm" is eaten
      { kind: "char", text: "L" },
      { kind: "char", text: "S" },
      { kind: "char", text: "R" },
      { kind: "close" },
      { kind: "mathClose" },
      { kind: "text", text: " (km s" },
      { kind: "mathOpen" },
      { kind: "sup" },
      { kind: "open" },
      { kind: "char", text: "-" },
      { kind: "char", text: "1" },
      { kind: "close" },
      { kind: "mathClose" },
      { kind: "text", text: ")" },
    ]);
  });

  it("treats an unpaired or escaped dollar as text and control symbols as commands", () => {
    expect(tokenizeLabel("cost $5")).toEqual([{ kind: "text", text: "cost $5" }]);
    expect(tokenizeLabel("a \\$ b")).toEqual([{ kind: "text", text: "a $ b" }]);
    expect(tokenizeLabel("$a\\,b\\$$")).toEqual([
      { kind: "mathOpen" },
      { kind: "char", text: "a" },
      { kind: "command", name: "," },
      { kind: "char", text: "b" },
      { kind: "command", name: "$" },
      { kind: "mathClose" },
    ]);
    // The second `$` is escaped, so the first is unpaired and both are text.
    expect(tokenizeLabel("$\u{1d703}\\$")).toEqual([{ kind: "text", text: "$\u{1d703}$" }]);
    // Astral characters stay whole inside math.
    expect(tokenizeLabel("$\u{1d703}$")).toEqual([
      { kind: "mathOpen" },
      { kind: "char", text: "\u{1d703}" },
      { kind: "mathClose" },
    ]);
  });
});

describe("parseLabel", () => {
  const runs = (s: string) => parseLabel(s, estimateTextWidth);

  it("renders scripts, roman text, Greek letters and the minus sign", () => {
    expect(runs("$V_{\\rm LSR}$ (km s$^{-1}$)")).toEqual([
      { text: "V", level: 0, shift: 0, italic: true, bold: false, dx: 0 },
      { text: "LSR", level: 1, shift: -0.22, italic: false, bold: false, dx: 0 },
      { text: " (km s", level: 0, shift: 0, italic: false, bold: false, dx: 0 },
      { text: "\u22121", level: 1, shift: 0.4, italic: false, bold: false, dx: 0 },
      { text: ")", level: 0, shift: 0, italic: false, bold: false, dx: 0 },
    ]);
    expect(labelPlainText("$\\log_{10} N_{\\rm HI}$")).toBe("log10 NHI");
    expect(labelPlainText("$\\alpha\\beta\\omega\\Delta\\sigma\\Omega$")).toBe("αβωΔσΩ");
    const greek = runs("$\\alpha \\Delta$");
    expect(greek[0]).toMatchObject({ text: "α", italic: true });
    expect(greek[greek.length - 1]).toMatchObject({ text: "Δ", italic: false });
  });

  it("nests scripts and stacks a subscript under a superscript", () => {
    const nested = runs("$e^{-x^2}$");
    expect(nested.map((r) => [r.text, r.level])).toEqual([
      ["e", 0],
      ["\u2212", 1],
      ["x", 1],
      ["2", 2],
    ]);
    expect(nested[3].shift).toBeCloseTo(0.4 + 0.4 * 0.7, 12);
    const stacked = runs("$x_a^b$");
    // Superscript first, then the subscript steps back under it.
    expect(stacked.map((r) => r.text)).toEqual(["x", "b", "a"]);
    expect(stacked[1].shift).toBeGreaterThan(0);
    expect(stacked[2].shift).toBeLessThan(0);
    expect(stacked[2].dx).toBeLessThan(0);
  });

  it("handles font commands, accents, fractions and unknown commands without throwing", () => {
    expect(labelPlainText("$\\mathrm{km}\\,\\mathrm{s}^{-1}$")).toBe("km\u2009s\u22121");
    expect(runs("$\\mathbf{x}$")[0]).toMatchObject({ text: "x", bold: true, italic: false });
    expect(labelPlainText("$\\hat{x}$")).toBe("x\u0302");
    expect(labelPlainText("$\\frac{a}{bc}$")).toBe("a/(bc)");
    expect(labelPlainText("$\\foo{x}$")).toBe("\\foox");
    expect(labelPlainText("$M_\\odot$")).toBe("M⊙");
    for (const s of ["$}$", "${$", "$^$", "$_{$", "$\\$", "$\\mathrm$", "$x^{y_{z^{w}}}$"]) {
      expect(() => parseLabel(s, estimateTextWidth)).not.toThrow();
    }
  });
});

describe("label markup", () => {
  it("returns plain escaped text for labels without math", () => {
    expect(labelMarkup("a < b & c", 12)).toBe("a &lt; b &amp; c");
    expect(textMark(0, 0, "x", { size: 10 })).toBe(
      '<text x="0" y="0" font-size="10" fill="#222222">x</text>',
    );
  });

  it("writes tspans with font-size and baseline shifts that return to the baseline", () => {
    const m = labelMarkup("$V_{\\rm LSR}$ (km s$^{-1}$)", 10);
    expect(m).toBe(
      '<tspan font-style="italic">V</tspan>' +
        '<tspan dy="2.2" font-size="7">LSR</tspan>' +
        '<tspan dy="-2.2"> (km s</tspan>' +
        '<tspan dy="-4" font-size="7">\u22121</tspan>' +
        '<tspan dy="4">)</tspan>',
    );
  });

  it("escapes markup inside math and text", () => {
    const m = labelMarkup('$a<b$ & "q" $\\text{<script>}$', 12);
    expect(m).not.toContain("<script>");
    expect(m).toContain("&lt;script&gt;");
    expect(m).toContain("&amp; &quot;q&quot;");
    expect(labelHtml("$x_{<1>}$")).toBe("<i>x</i><sub>&lt;1&gt;</sub>");
  });

  it("estimates widths: scripts are narrower than base text", () => {
    expect(labelWidth("abc", 12)).toBeCloseTo(estimateTextWidth("abc", 12), 12);
    expect(labelWidth("$x_{abc}$", 12)).toBeLessThan(estimateTextWidth("xabc", 12));
  });

  it("yields well-formed SVG for arbitrary strings", () => {
    const alphabet = fc.constantFrom(
      ..."ab1 $^_\\<>&\"'-αx{}".split(""),
      "\\rm",
      "\\alpha",
      "\\frac",
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        const s = parts.join("");
        const svg = svgDocument({ width: 100, height: 40 }, [textMark(5, 20, s, { rotate: -90 })]);
        assertWellFormed(svg);
        expect(count(svg, "<text")).toBe(1);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
