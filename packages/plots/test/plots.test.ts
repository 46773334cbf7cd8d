import { describe, expect, it } from "vitest";
import {
  plotHistogram,
  plotLines,
  plotPredictive,
  plotSpectrum,
  summarisePredictive,
} from "../src/index.js";
import { assertWellFormed, count, normalSampler } from "./helpers.js";

const z = normalSampler(3);
const x = Float64Array.from({ length: 30 }, (_, i) => i);
const observed = x.map((t) => Math.sin(t / 5) + 0.1 * z());
const draws = Array.from({ length: 200 }, () => x.map((t) => Math.sin(t / 5) + 0.1 * z()));

describe("plotPredictive", () => {
  it("draws points, a median line and one band per credible mass", () => {
    const svg = plotPredictive({ x, observed, draws, bands: [0.68, 0.95], title: "PPC" });
    assertWellFormed(svg);
    expect(count(svg, 'class="band"')).toBe(2);
    expect(count(svg, 'class="median"')).toBe(1);
    expect(count(svg, "<circle")).toBe(30 + 1); // observations + legend swatch
    expect(svg).toContain("68% band");
    expect(plotPredictive({ x, observed, draws })).toBe(plotPredictive({ x, observed, draws }));
  });

  it("summarises draws by nested central intervals", () => {
    const s = summarisePredictive(draws, 30, [0.95, 0.68]);
    for (let i = 0; i < 30; i++) {
      expect(s.lower[0][i]).toBeLessThanOrEqual(s.lower[1][i]);
      expect(s.lower[1][i]).toBeLessThanOrEqual(s.median[i]);
      expect(s.median[i]).toBeLessThanOrEqual(s.upper[1][i]);
      expect(s.upper[1][i]).toBeLessThanOrEqual(s.upper[0][i]);
    }
  });

  it("escapes labels and validates input", () => {
    const svg = plotPredictive({ x, observed, draws, xLabel: "t <s>", yLabel: 'f & "g"' });
    expect(svg).toContain("t &lt;s&gt;");
    expect(svg).toContain("f &amp; &quot;g&quot;");
    expect(() => plotPredictive({ x, observed, draws: [new Float64Array(3)] })).toThrow(RangeError);
    expect(() => plotPredictive({ x, observed, draws, bands: [1.5] })).toThrow(RangeError);
  });
});

describe("plotSpectrum", () => {
  const e = Float64Array.from({ length: 50 }, (_, i) => 0.5 * 1.05 ** i);
  const model = e.map((v) => 100 * v ** -1.5);
  it("draws data steps, error bars and one step line per model, on log axes too", () => {
    for (const scale of ["linear", "log"] as const) {
      const svg = plotSpectrum({
        x: e,
        y: model.map((m) => m + Math.sqrt(m) * z()),
        yerr: model.map(Math.sqrt),
        models: [
          { y: model, label: "power law <Γ=1.5>" },
          { y: model.map((m) => m * 1.1), label: "alt" },
        ],
        xScale: scale,
        yScale: scale,
      });
      assertWellFormed(svg);
      expect(count(svg, 'class="model"')).toBe(2);
      expect(count(svg, 'class="data"')).toBeGreaterThanOrEqual(1);
      expect(count(svg, 'class="errorbar"')).toBe(1);
      expect(svg).toContain("power law &lt;Γ=1.5&gt;");
    }
  });
});

describe("simple helpers", () => {
  it("plotHistogram draws one histogram path and markers", () => {
    const v = Float64Array.from({ length: 500 }, () => z());
    const svg = plotHistogram(v, { bins: 20, markers: [{ value: 0, label: "zero" }], xLabel: "v" });
    assertWellFormed(svg);
    expect(count(svg, 'class="hist"')).toBe(1);
    expect(count(svg, 'class="marker"')).toBe(1);
    expect(plotHistogram(v)).toBe(plotHistogram(v));
  });

  it("plotLines draws one polyline per series and a legend of labelled series", () => {
    const t = Float64Array.from({ length: 50 }, (_, i) => i + 1);
    const svg = plotLines(
      [
        { x: t, y: t.map((v) => 100 / v), label: "a" },
        { x: t, y: t.map((v) => 50 / v), label: "b", dash: "4 2" },
        { x: t, y: t.map((v) => 10 / v) },
      ],
      { xScale: "log", yScale: "log", title: "loss" },
    );
    assertWellFormed(svg);
    expect(count(svg, 'class="series"')).toBe(3);
    expect(count(svg, 'class="legend"')).toBe(1);
  });

  it("breaks lines at non-finite values instead of failing", () => {
    const svg = plotLines([{ x: [0, 1, 2, 3], y: [1, Number.NaN, 2, 3] }]);
    // One polyline for the single point before the gap, one for the two after it.
    expect(count(svg, 'class="series"')).toBe(2);
    assertWellFormed(svg);
  });
});
