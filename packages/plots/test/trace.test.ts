import { describe, expect, it } from "vitest";
import { plotTrace, selectComponents } from "../src/index.js";
import { assertWellFormed, count, makePosterior } from "./helpers.js";

describe("plotTrace", () => {
  const chains = 3;
  const draws = 200;
  const post = makePosterior(chains, draws, 2);

  it("is deterministic and well-formed", () => {
    const a = plotTrace(post);
    expect(plotTrace(post)).toBe(a);
    assertWellFormed(a);
  });

  it("draws one trace polyline and one KDE line per chain per component", () => {
    const svg = plotTrace(post);
    const components = 1 + 1 + 2; // mu, sigma, theta[0], theta[1]
    expect(count(svg, 'class="trace-line"')).toBe(chains * components);
    expect(count(svg, 'class="kde-line"')).toBe(chains * components);
    expect(count(svg, 'class="trace-plot"')).toBe(1);
  });

  it("keeps the same lines in compact mode (one row per variable)", () => {
    const svg = plotTrace(post, { compact: true });
    expect(count(svg, 'class="trace-line"')).toBe(chains * 4);
    expect(count(svg, 'class="panel-title"')).toBe(2 * 3);
  });

  it("marks every divergent draw once per row", () => {
    const divergent = new Uint8Array(chains * draws);
    for (const i of [3, 17, 250, 599]) divergent[i] = 1;
    const svg = plotTrace(post, { varNames: ["mu"], divergent });
    expect(count(svg, 'class="divergence"')).toBe(4);
    const two = plotTrace(post, { varNames: ["mu", "theta[1]"], divergent });
    expect(count(two, 'class="divergence"')).toBe(8);
  });

  it("selects components by label and caps rows with a note saying which are shown", () => {
    const one = plotTrace(post, { varNames: ["theta[1]"] });
    expect(count(one, 'class="trace-line"')).toBe(chains);
    expect(one).toContain("theta[1]");
    const capped = plotTrace(post, { maxRows: 2 });
    expect(count(capped, 'class="trace-line"')).toBe(2 * chains);
    expect(capped).toContain("Showing the first 2 of 4 rows (mu … sigma)");
  });

  it("escapes variable names", () => {
    const bad = { 'a<b&"c"': post.mu };
    const svg = plotTrace(bad);
    assertWellFormed(svg);
    expect(svg).toContain("a&lt;b&amp;&quot;c&quot;");
  });

  it("rejects bad input with clear errors", () => {
    expect(() => plotTrace(post, { varNames: ["nope"] })).toThrow(/unknown variable "nope"/);
    expect(() => plotTrace(post, { divergent: new Uint8Array(3) })).toThrow(/divergent/);
    expect(() => plotTrace({ x: { draws: new Float64Array(5), shape: [2, 3] } })).toThrow(
      /needs 6 values/,
    );
  });
});

describe("selectComponents", () => {
  it("splits row-major [chain, draw, ...dims] draws into per-chain components", () => {
    // 2 chains × 2 draws × (2 × 2) components; value = 1000 c + 100 d + 10 i + j.
    const values: number[] = [];
    for (let c = 0; c < 2; c++)
      for (let d = 0; d < 2; d++)
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++) values.push(1000 * c + 100 * d + 10 * i + j);
    const comps = selectComponents({
      m: { draws: Float64Array.from(values), shape: [2, 2, 2, 2] },
    });
    expect(comps.map((c) => c.label)).toEqual(["m[0,0]", "m[0,1]", "m[1,0]", "m[1,1]"]);
    expect([...comps[2].chains[1]]).toEqual([1010, 1110]);
  });
});
