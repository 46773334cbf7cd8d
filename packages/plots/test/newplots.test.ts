import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  colormapRgb,
  PlotError,
  plotDensity1d,
  plotImage,
  plotScatterColored,
  pngSize,
  reflectedKde,
  toPng,
} from "../src/index.js";
import { assertWellFormed, count, normalSampler, rng } from "./helpers.js";

/** The embedded heat-map PNG of a plotImage SVG, decoded (our encoder writes filter 0 rows). */
function heatmap(svg: string) {
  const m = /class="heatmap"[^>]*href="data:image\/png;base64,([^"]+)"/.exec(svg);
  if (!m) throw new Error("no heatmap image");
  const png = new Uint8Array(Buffer.from(m[1], "base64"));
  const { width, height } = pngSize(png);
  const len = new DataView(png.buffer, png.byteOffset).getUint32(33);
  const raw = inflateSync(png.subarray(41, 41 + len));
  const pixel = (x: number, y: number) => {
    const o = y * (width * 4 + 1) + 1 + x * 4;
    return [raw[o], raw[o + 1], raw[o + 2], raw[o + 3]];
  };
  return { width, height, pixel };
}

describe("plotImage", () => {
  const nx = 40;
  const ny = 20;
  const values = Float64Array.from({ length: nx * ny }, (_, i) => i % nx);
  values[0] = Number.NaN; // bottom-left cell
  values[nx * ny - 1] = 1000; // top-right cell, clipped by vmax
  const points = { x: [5, 10, 15, Number.NaN], y: [2, 4, 6, 1], label: "stars" };

  it("embeds one nx×ny image (row 0 at the bottom), a colour bar and the points", () => {
    const svg = plotImage({
      values,
      nx,
      ny,
      vmax: 39,
      xExtent: [0, 40],
      yExtent: [0, 20],
      points: [points],
      xLabel: "$\\phi_1$ [deg]",
      yLabel: "$\\phi_2$ [deg]",
      colorLabel: "density",
      title: "stream",
    });
    assertWellFormed(svg);
    expect(count(svg, 'class="heatmap"')).toBe(1);
    expect(count(svg, 'class="colorbar"')).toBe(1);
    expect(count(svg, "<stop ")).toBe(33);
    // 3 finite points + 1 legend swatch.
    expect(count(svg, "<circle")).toBe(4);
    const img = heatmap(svg);
    expect([img.width, img.height]).toEqual([nx, ny]);
    // Grid row 0 is the PNG's last row: its first cell is NaN → transparent.
    expect(img.pixel(0, ny - 1)[3]).toBe(0);
    // Top-right cell is at vmax → the top colour of viridis; x = 0 cells → the bottom colour.
    const top = colormapRgb(1).map((v) => Math.round(v * 255));
    expect(img.pixel(nx - 1, 0)).toEqual([...top, 255]);
    const bottom = colormapRgb(0).map((v) => Math.round(v * 255));
    expect(img.pixel(0, 0)).toEqual([...bottom, 255]);
    expect(svg).toContain('font-style="italic">ϕ</tspan>');
    const png = toPng(svg);
    expect(pngSize(png)).toEqual({ width: 720, height: 440 });
  });

  it("blanks cells ≤ 0 on a log scale and validates input", () => {
    const v = Float64Array.from({ length: 4 }, (_, i) => i); // 0, 1, 2, 3
    const img = heatmap(plotImage({ values: v, nx: 2, ny: 2, colorScale: "log" }));
    expect(img.pixel(0, 1)[3]).toBe(0); // value 0 (row 0, col 0) → transparent
    expect(img.pixel(1, 1)[3]).toBe(255);
    expect(() => plotImage({ values: v, nx: 3, ny: 2 })).toThrow(PlotError);
    expect(() => plotImage({ values: v, nx: 2, ny: 2, xExtent: [1, 1] })).toThrow(/xExtent/);
    try {
      plotImage({ values: v, nx: 0, ny: 2 });
    } catch (e) {
      expect(e).toBeInstanceOf(PlotError);
      expect((e as PlotError)._tag).toBe("PlotError");
      expect((e as PlotError).problem).toBe("value");
    }
  });
});

describe("plotScatterColored", () => {
  const u = rng(5);
  const n = 200;
  const x = Float64Array.from({ length: n }, () => u());
  const y = Float64Array.from({ length: n }, () => 10 * u());
  const c = Float64Array.from({ length: n }, () => u());
  c[7] = Number.NaN;
  y[9] = Number.NaN;

  it("draws one coloured circle per point with a value, missing ones underneath", () => {
    const svg = plotScatterColored({
      x,
      y,
      c,
      colorLabel: "membership probability",
      invertY: true,
      xLabel: "$G_{BP} - G_{RP}$",
      yLabel: "$M_G$ [mag]",
    });
    assertWellFormed(svg);
    const colored = svg.slice(svg.indexOf('class="colored-points"'));
    expect(count(colored.slice(0, colored.indexOf("</g>")), "<circle")).toBe(n - 2);
    expect(count(svg, 'class="missing-points"')).toBe(1);
    expect(svg).toContain("no value (1)");
    // Ascending order: the last circle has the largest value → the top colour of the map.
    const group = colored.slice(0, colored.indexOf("</g>"));
    const fills = [...group.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(fills[fills.length - 1]).toBe("#fde725");
    expect(pngSize(toPng(svg))).toEqual({ width: 720, height: 440 });
  });

  it("inverts the y axis: larger y lower on the page", () => {
    const svg = plotScatterColored({
      x: [0, 1],
      y: [0, 10],
      c: [0, 1],
      invertY: true,
      order: "input",
    });
    const cy = [...svg.matchAll(/<circle cx="[^"]+" cy="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(cy[1]).toBeGreaterThan(cy[0]);
    const up = plotScatterColored({ x: [0, 1], y: [0, 10], c: [0, 1], order: "input" });
    const cyUp = [...up.matchAll(/<circle cx="[^"]+" cy="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(cyUp[1]).toBeLessThan(cyUp[0]);
    expect(() => plotScatterColored({ x: [0], y: [0, 1], c: [0] })).toThrow(PlotError);
  });
});

describe("plotDensity1d", () => {
  const z = normalSampler(9);
  const a = Float64Array.from({ length: 1000 }, () => z());
  const b = Float64Array.from({ length: 500 }, () => 0.5 + 1.2 * z());
  const pdf = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);

  it("draws one KDE and one histogram per set, the true density and markers", () => {
    const svg = plotDensity1d(
      [
        { values: a, label: "NUTS" },
        { values: b, label: "VI" },
      ],
      {
        kind: "both",
        trueDensity: { pdf, label: "exact pdf" },
        markers: [{ value: 0, label: "truth" }],
        xLabel: "$\\mu$",
      },
    );
    assertWellFormed(svg);
    expect(count(svg, 'class="kde"')).toBe(2);
    expect(count(svg, 'class="hist"')).toBe(2);
    expect(count(svg, 'class="true-density"')).toBe(1);
    expect(count(svg, 'class="marker"')).toBe(1);
    expect(svg).toContain("exact pdf");
    expect(pngSize(toPng(svg, { scale: 2 }))).toEqual({ width: 1440, height: 880 });
    expect(count(plotDensity1d(a, { kind: "hist" }), 'class="kde"')).toBe(0);
    expect(count(plotDensity1d(a), 'class="hist"')).toBe(0);
  });

  it("reflects the KDE at a bound so that it stays normalised", () => {
    // Exponential(1) samples by inversion: true density 1 at x = 0, all mass in [0, ∞).
    const u = rng(3);
    const e = Float64Array.from({ length: 4000 }, () => -Math.log(1 - u()));
    const plain = reflectedKde(e, "scott", [0, 15], undefined);
    const refl = reflectedKde(e, "scott", [0, 15], [0, Number.POSITIVE_INFINITY]);
    const area = (k: { x: Float64Array; density: Float64Array }) => {
      let s = 0;
      for (let i = 1; i < k.x.length; i++)
        s += ((k.x[i] - k.x[i - 1]) * (k.density[i] + k.density[i - 1])) / 2;
      return s;
    };
    // Trapezoid on 400 points and samples beyond 15 (e^-15) make < 0.5 % difference.
    expect(Math.abs(area(refl) - 1)).toBeLessThan(0.005);
    // Without reflection about half a kernel's mass leaks below 0 (area ≈ 1 − h·0.4).
    expect(area(plain)).toBeLessThan(0.97);
    // At the bound the plain KDE is about half the true density 1; reflection restores it
    // up to the O(h) bias of reflection for a density with non-zero slope (h ≈ 0.2 here).
    expect(plain.density[0]).toBeLessThan(0.6);
    expect(Math.abs(refl.density[0] - 1)).toBeLessThan(0.2);
  });

  it("rejects bad input with PlotError", () => {
    expect(() => plotDensity1d([Number.NaN])).toThrow(PlotError);
    expect(() => plotDensity1d(a, { bins: 0 })).toThrow(/bins/);
    expect(() => plotDensity1d(a, { bounds: [1, 0] })).toThrow(/bounds/);
  });
});
