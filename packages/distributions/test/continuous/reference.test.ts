/**
 * logProb, cdf and icdf against scipy 1.17 (fixtures/generate.py → reference.ts).
 *
 * Tolerances: |ours - scipy| ≤ tol · max(1, |scipy|) with tol = 1e-12 for bulk points and
 * 1e-9 for far-tail points (x up to 1e3, scales down to 1e-8); cdf 1e-12 absolute plus
 * relative 1e-10 (small tail probabilities); icdf relative 1e-10 (plus 1e-20 absolute, for
 * the median 0 of a scale-1e-8 Cauchy, where tan(π/2) leaves 6e-25).
 */
import { describe, expect, it } from "vitest";
import { build } from "./cases.js";
import { REFERENCE } from "./reference.js";

function relErr(got: number, want: number): number {
  if (Number.isNaN(want)) return Number.isNaN(got) ? 0 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(want)) return got === want ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(got - want) / Math.max(1, Math.abs(want));
}

describe.each(
  REFERENCE.map(
    (c, i) =>
      [`${i}: ${c.name}(${c.args})${c.options ? JSON.stringify(c.options) : ""}`, c] as const,
  ),
)("%s vs scipy", (_label, c) => {
  const d = build(c.name, c.args, c.options);
  it("logProb in the bulk (1e-12)", () => {
    const got = d.logProb(c.bulk.x).toArray();
    c.bulk.logpdf.forEach((want, i) => {
      expect(relErr(got[i], want), `x = ${c.bulk.x[i]}: ${got[i]} vs ${want}`).toBeLessThanOrEqual(
        1e-12,
      );
    });
  });
  it("logProb in the far tails (1e-9)", () => {
    if (c.tail.x.length === 0) return;
    const got = d.logProb(c.tail.x).toArray();
    c.tail.logpdf.forEach((want, i) => {
      expect(relErr(got[i], want), `x = ${c.tail.x[i]}: ${got[i]} vs ${want}`).toBeLessThanOrEqual(
        1e-9,
      );
    });
  });
  it("cdf and icdf", () => {
    if (c.cdf) {
      const got = d.cdf(c.cdf.x).toArray();
      c.cdf.p.forEach((want, i) => {
        const err = Math.abs(got[i] - want);
        expect(err, `cdf(${c.cdf?.x[i]}): ${got[i]} vs ${want}`).toBeLessThanOrEqual(
          1e-12 + 1e-10 * Math.abs(want),
        );
      });
    }
    if (c.icdf) {
      const got = d.icdf(c.icdf.q).toArray();
      c.icdf.x.forEach((want, i) => {
        const err = Math.abs(got[i] - want);
        expect(err, `icdf(${c.icdf?.q[i]}): ${got[i]} vs ${want}`).toBeLessThanOrEqual(
          1e-10 * Math.abs(want) + 1e-20,
        );
      });
    }
  });
});
