import { describe, expect, it } from "vitest";
import {
  combineComponents,
  contourLines,
  densityLevels,
  PlotError,
  plotPair,
  SIGMA_MASSES_2D,
} from "../src/index.js";
import { assertWellFormed, count, makePosterior } from "./helpers.js";

describe("plotPair", () => {
  const post = makePosterior(2, 300, 2);

  it("draws n(n+1)/2 panels", () => {
    for (const names of [["mu"], ["mu", "sigma"], ["mu", "sigma", "theta"]]) {
      const n = names.length === 3 ? 4 : names.length;
      const svg = plotPair(post, { varNames: names });
      expect(count(svg, 'class="pair-panel"')).toBe((n * (n + 1)) / 2);
      assertWellFormed(svg);
    }
  });

  it("is deterministic", () => {
    const opts = { varNames: ["mu", "sigma"], kind: "contour" as const };
    expect(plotPair(post, opts)).toBe(plotPair(post, opts));
  });

  it("draws truths, quantile lines and m^{+u}_{-l} titles", () => {
    const svg = plotPair(post, { varNames: ["mu", "sigma"], truths: { mu: 1, sigma: 1 } });
    // mu: diagonal + x line below; sigma: diagonal + y line; plus the marker point.
    expect(count(svg, 'class="truth"')).toBe(5);
    expect(count(svg, 'class="quantile"')).toBe(2 * 3);
    expect(count(svg, 'class="pair-title"')).toBe(2);
    expect(svg).toMatch(
      /mu = 1\.\d+<tspan[^>]*>\+0\.\d+<\/tspan><tspan[^>]*>\u22120\.\d+<\/tspan>/,
    );
  });

  it("highlights divergent draws in every off-diagonal panel", () => {
    const divergent = new Uint8Array(600);
    divergent[5] = divergent[400] = 1;
    const svg = plotPair(post, { varNames: ["mu", "sigma", "theta[0]"], divergent });
    expect(count(svg, 'class="divergent-points"')).toBe(3);
  });

  it("draws closed 1σ/2σ contours in contour mode", () => {
    const svg = plotPair(post, { varNames: ["mu", "sigma"], kind: "contour" });
    assertWellFormed(svg);
    expect(count(svg, 'class="contour"')).toBe(2);
  });

  it("shows at least two ticks on every axis after pruning the edge ticks", () => {
    // M67's approx_size spans about 10…20: nice ticks 10, 15, 20 lose 10 and 20 to the edge
    // pruning, which used to leave one tick (15) on its axes.
    const z = makePosterior(2, 2000, 1, 3);
    const size = { draws: z.mu.draws.map((v) => 14.6 + (v - 1) * (1.28 / 0.3)), shape: [2, 2000] };
    const svg = plotPair({ mu: z.mu, approx_size: size }, { varNames: ["mu", "approx_size"] });
    const axes = [...svg.matchAll(/class="axis axis-(?:bottom|left)"><path d="([^"]*)"/g)];
    expect(axes.length).toBeGreaterThanOrEqual(3);
    for (const [, d] of axes) expect(count(d, "M")).toBeGreaterThanOrEqual(2);
  });

  it("caps the number of components and says which are shown", () => {
    const svg = plotPair(post, { maxVars: 2 });
    expect(count(svg, 'class="pair-panel"')).toBe(3);
    expect(svg).toContain("Showing the first 2 of 4 components (mu … sigma)");
  });
});

describe("contours", () => {
  it("traces a closed circle and finds highest-density levels", () => {
    const n = 41;
    const xs = Float64Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
    const grid = new Float64Array(n * n);
    for (let iy = 0; iy < n; iy++)
      for (let ix = 0; ix < n; ix++) grid[iy * n + ix] = Math.exp(-(xs[ix] ** 2 + xs[iy] ** 2) / 2);
    const level = Math.exp(-0.5 * 1.03 ** 2); // radius 1.03, between grid nodes
    const lines = contourLines(grid, n, n, xs, xs, level);
    expect(lines.length).toBe(1);
    const line = lines[0];
    expect(line[0]).toBeCloseTo(line[line.length - 2], 12);
    expect(line[1]).toBeCloseTo(line[line.length - 1], 12);
    for (let i = 0; i < line.length; i += 2)
      expect(Math.hypot(line[i], line[i + 1])).toBeCloseTo(1.03, 2);
    // A level through grid nodes (radius 1 hits (±1, 0) and (0, ±1)) still yields closed curves.
    for (const l of contourLines(grid, n, n, xs, xs, Math.exp(-0.5))) {
      expect(l[0]).toBeCloseTo(l[l.length - 2], 12);
      expect(l[1]).toBeCloseTo(l[l.length - 1], 12);
    }
    const [l1, l2] = densityLevels(grid, SIGMA_MASSES_2D);
    expect(l1).toBeGreaterThan(l2);
  });
});

describe("plotPair combineDims and referenceValues", () => {
  const C = 2;
  const D = 50;
  const K = 3;
  const vel = Float64Array.from({ length: C * D * K }, (_, i) => 10 * (i % K) + (i % 7) / 7);
  const sig = Float64Array.from({ length: C * D * K }, (_, i) => 1 + (i % K) + (i % 5) / 10);
  const base = Float64Array.from({ length: C * D }, (_, i) => i);
  const post = {
    velocity: { draws: vel, shape: [C, D, K], dims: ["cloud"] },
    sigma: { draws: sig, shape: [C, D, K], dims: ["cloud"] },
    baseline: { draws: base, shape: [C, D] },
  };

  it("concatenates the clouds into one variable and repeats variables without them", () => {
    const { components, repeat } = combineComponents(post, undefined, ["cloud"]);
    expect(repeat).toBe(K);
    expect(components.map((c) => c.label)).toEqual(["velocity", "sigma", "baseline"]);
    // Chain 1, draw 4, cloud 2 sits at (4·K + 2) in chain 1's array.
    expect(components[0].chains[1][4 * K + 2]).toBe(vel[(1 * D + 4) * K + 2]);
    expect(components[2].chains[1][4 * K + 2]).toBe(base[1 * D + 4]);
    const svg = plotPair(post, { combineDims: ["cloud"] });
    assertWellFormed(svg);
    expect(count(svg, 'class="pair-panel"')).toBe(6);
    // Without combining, 3 + 3 + 1 = 7 components → 28 panels (capped at 8 variables).
    expect(count(plotPair(post), 'class="pair-panel"')).toBe(28);
    // `true` combines every component dimension (no names needed).
    expect(plotPair(post, { combineDims: true })).toBe(svg);
  });

  it("expands divergences over the combined entries and accepts referenceValues", () => {
    const divergent = new Uint8Array(C * D);
    divergent[3] = 1;
    const svg = plotPair(post, {
      varNames: ["velocity", "sigma"],
      combineDims: true,
      divergent,
      referenceValues: { velocity: 10 },
      truths: { sigma: 2 },
    });
    const panel = svg.slice(svg.indexOf('class="divergent-points"'));
    expect(count(panel.slice(0, panel.indexOf("</g>")), "<circle")).toBe(K);
    // velocity: diagonal + vertical line; sigma: diagonal + horizontal; plus the marker.
    expect(count(svg, 'class="truth"')).toBe(5);
    expect(svg).toContain("reference value");
  });

  it("rejects combined dimensions of different sizes with a PlotError", () => {
    const bad = { ...post, other: { draws: new Float64Array(C * D * 2), shape: [C, D, 2] } };
    expect(() => plotPair(bad, { combineDims: true })).toThrow(PlotError);
    expect(() => plotPair(post, { combineDims: true, varNames: ["nope"] })).toThrow(PlotError);
  });
});
