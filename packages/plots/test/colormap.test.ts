import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  colormapHex,
  colormapRgb,
  colormapStops,
  crc32,
  encodePngRgba,
  makeColorNorm,
  normalizeColor,
  PlotError,
  pngSize,
} from "../src/index.js";
import { VIRIDIS_256 } from "./fixtures/viridis.js";

describe("viridis", () => {
  it("matches the published 256-entry table to within 2/255 per channel", () => {
    // Reference: mpl-colormaps (van der Walt & Smith, CC0), see fixtures/gen_viridis.py.
    // Tolerance: linear sRGB interpolation between 33 anchors deviates at most 1.64/255
    // from the table (measured with numpy in gen_viridis.py's check); 2/255 is invisible.
    let worst = 0;
    VIRIDIS_256.forEach((ref, i) => {
      const got = colormapRgb(i / 255);
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got[c] - ref[c]));
    });
    expect(worst * 255).toBeLessThan(2);
    expect(colormapRgb(0)).toEqual(VIRIDIS_256[0]);
    expect(colormapRgb(1)).toEqual(VIRIDIS_256[255]);
    expect(colormapHex(0)).toBe("#440154");
    expect(colormapHex(1)).toBe("#fde725");
  });

  it("clamps, reverses, offers greys and gradient stops; rejects NaN", () => {
    expect(colormapHex(-3)).toBe(colormapHex(0));
    expect(colormapHex(0.2, { reverse: true })).toBe(colormapHex(0.8));
    expect(colormapHex(0, { name: "greys" })).toBe("#ffffff");
    expect(colormapHex(1, { name: "greys" })).toBe("#000000");
    const stops = colormapStops();
    expect(stops.length).toBe(33);
    expect(stops[0]).toEqual({ offset: 0, color: "#440154" });
    expect(() => colormapRgb(Number.NaN)).toThrow(PlotError);
  });

  it("normalises linearly and in log10, widening equal limits", () => {
    const lin = makeColorNorm([2, 4, Number.NaN, 6]);
    expect(lin).toEqual({ type: "linear", vmin: 2, vmax: 6 });
    expect(normalizeColor(lin, 4)).toBe(0.5);
    expect(normalizeColor(lin, 100)).toBe(1);
    expect(normalizeColor(lin, Number.NaN)).toBeNaN();
    const log = makeColorNorm([0, 1, 10, 100], { scale: "log" });
    expect(log).toEqual({ type: "log", vmin: 1, vmax: 100 });
    expect(normalizeColor(log, 10)).toBeCloseTo(0.5, 12);
    expect(normalizeColor(log, 0)).toBeNaN();
    expect(makeColorNorm([3, 3])).toEqual({ type: "linear", vmin: 2.85, vmax: 3.15 });
    expect(() => makeColorNorm([1], { vmin: 2, vmax: 1 })).toThrow(PlotError);
    expect(() => makeColorNorm([1], { vmin: 0, scale: "log" })).toThrow(/must be > 0/);
  });
});

describe("encodePngRgba", () => {
  it("computes the standard CRC-32 check value", () => {
    // CRC-32/ISO-HDLC check value for "123456789" (Rocksoft catalogue): 0xCBF43926.
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("writes a PNG whose pixels decode back", () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePngRgba(3, 2, rgba);
    expect(pngSize(png)).toEqual({ width: 3, height: 2 });
    // One IDAT after the 33-byte signature + IHDR chunk; filter byte 0 per row.
    const len = new DataView(png.buffer).getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + len));
    expect([...raw.subarray(1, 13)]).toEqual([...rgba.subarray(0, 12)]);
    expect([...raw.subarray(14, 26)]).toEqual([...rgba.subarray(12, 24)]);
    expect(() => encodePngRgba(2, 2, rgba)).toThrow(PlotError);
  });
});
