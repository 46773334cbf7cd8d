import { describe, expect, it } from "vitest";
import { plotTrace, pngSize, svgDocument, textMark, toPng } from "../src/index.js";
import { makePosterior } from "./helpers.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("toPng", () => {
  const svg = svgDocument({ width: 200, height: 120 }, [
    textMark(20, 60, "Sidereal", { size: 20 }),
  ]);

  it("writes a PNG of the SVG's size, or scaled", () => {
    const png = toPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 200, height: 120 });
    expect(pngSize(toPng(svg, { scale: 2 }))).toEqual({ width: 400, height: 240 });
    expect(pngSize(toPng(svg, { width: 100 }))).toEqual({ width: 100, height: 60 });
  });

  it("renders text (system fonts are loaded)", () => {
    const blank = toPng(svgDocument({ width: 200, height: 120 }, []));
    const withText = toPng(svg);
    // A blank white image compresses to far fewer bytes than one with glyphs on it.
    expect(withText.length).toBeGreaterThan(blank.length + 200);
  });

  it("rasterises a full plot", () => {
    const png = toPng(plotTrace(makePosterior(2, 100, 1)), { scale: 1 });
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(pngSize(png).width).toBe(900);
  });

  it("validates options", () => {
    expect(() => toPng(svg, { scale: 0 })).toThrow(RangeError);
    expect(() => pngSize(new Uint8Array(30))).toThrow(RangeError);
  });
});
