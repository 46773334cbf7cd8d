import { describe, expect, it } from "vitest";
import {
  el,
  escapeXml,
  fmt,
  formatTick,
  formatWithUncertainty,
  gridLayout,
  makePanel,
  PALETTE,
  paletteColor,
  panelFrame,
  svgDocument,
  textMark,
} from "../src/index.js";
import { assertWellFormed, count } from "./helpers.js";

describe("escapeXml", () => {
  it("escapes markup characters", () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe("a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  });
  it("drops characters XML 1.0 forbids but keeps tabs, newlines and astral characters", () => {
    expect(escapeXml("a\u0000b\u0007c\td\ne\uffff")).toBe("abc\td\ne");
    expect(escapeXml("x\ud835\udf03y\ud800z")).toBe("x\ud835\udf03yz");
  });
});

describe("fmt", () => {
  it("rounds to about four significant digits without exponents or negative zero", () => {
    expect(fmt(123.456789)).toBe("123.5");
    expect(fmt(0.000123456)).toBe("0.0001235");
    expect(fmt(-0.00000001)).toBe("0");
    expect(fmt(123456.7)).toBe("123457");
    expect(fmt(-2)).toBe("-2");
  });
  it("refuses non-finite numbers", () => {
    expect(() => fmt(Number.NaN)).toThrow(RangeError);
  });
});

describe("tick and value formatting", () => {
  it("uses as many decimals as the step needs and a typographic minus", () => {
    expect(formatTick(0.4, 0.2)).toBe("0.4");
    expect(formatTick(-1, 0.5)).toBe("\u22121.0");
    expect(formatTick(2e6, 1e6)).toBe("2e6");
  });
  it("rounds value and errors to two significant digits of the smaller error", () => {
    expect(formatWithUncertainty(1.23456, 0.1234, 0.0987)).toEqual({
      value: "1.235",
      plus: "+0.123",
      minus: "\u22120.099",
    });
  });
});

describe("svg builder", () => {
  it("escapes attribute values and text content", () => {
    const s = el("text", { "data-x": `<&"` }, escapeXml("<&>"));
    expect(s).toBe('<text data-x="&lt;&amp;&quot;">&lt;&amp;&gt;</text>');
  });
  it("produces a well-formed, deterministic document", () => {
    const make = () =>
      svgDocument({ width: 200, height: 100, title: `t<&"` }, [
        textMark(10, 20, `label <&"> here`),
      ]);
    const a = make();
    expect(a).toBe(make());
    assertWellFormed(a);
    expect(a).toContain("label &lt;&amp;&quot;&gt; here");
    expect(a).not.toContain("<&");
  });
  it("escapes axis labels and titles of a panel", () => {
    const [[rect]] = gridLayout({
      width: 300,
      height: 200,
      rows: 1,
      cols: 1,
      margin: { top: 20, right: 10, bottom: 40, left: 50 },
    });
    const p = makePanel("p", rect, { x: [0, 1], y: [0, 10] });
    const doc = svgDocument({ width: 300, height: 200 }, [
      panelFrame(p, { title: "a<b", xAxis: { label: 'x & "y"' }, yAxis: { label: "<z>" } }),
    ]);
    assertWellFormed(doc);
    expect(doc).toContain("a&lt;b");
    expect(doc).toContain("x &amp; &quot;y&quot;");
    expect(doc).toContain("&lt;z&gt;");
    expect(count(doc, "<text")).toBeGreaterThan(5);
  });
});

describe("layout and palette", () => {
  it("splits the inner area by weights and gaps", () => {
    const g = gridLayout({
      width: 330,
      height: 110,
      rows: 1,
      cols: 2,
      margin: { top: 5, right: 10, bottom: 5, left: 20 },
      gapX: 0,
      colWeights: [1, 2],
    });
    expect(g[0][0]).toEqual({ x: 20, y: 5, width: 100, height: 100 });
    expect(g[0][1]).toEqual({ x: 120, y: 5, width: 200, height: 100 });
  });
  it("cycles through the Okabe–Ito colours", () => {
    expect(paletteColor(0)).toBe(PALETTE[0]);
    expect(paletteColor(PALETTE.length + 1)).toBe(PALETTE[1]);
    expect(paletteColor(-1)).toBe(PALETTE[PALETTE.length - 1]);
  });
});
