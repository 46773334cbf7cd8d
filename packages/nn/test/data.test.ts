import { describe, expect, it } from "vitest";
import { fitTransform, gatherRows, seededSplit, transformPhotometry } from "../src/index.js";

describe("data pipeline (spec §4.1)", () => {
  it("normalise-phot: ln maggies over their row sum (rows sum to 1)", () => {
    const m = Float64Array.from([1e-8, 2e-8, 4e-9, 1e-7, 1e-6, 3e-9]);
    const x = transformPhotometry(fitTransform("normalise-phot", m, 3), m, 3);
    const l = Array.from(m, Math.log);
    expect(x[0]).toBeCloseTo(l[0]! / (l[0]! + l[1]! + l[2]!), 6);
    expect(x[0]! + x[1]! + x[2]!).toBeCloseTo(1, 6);
    expect(x[3]! + x[4]! + x[5]!).toBeCloseTo(1, 6);
    expect(
      Number.isNaN(
        transformPhotometry(
          fitTransform("normalise-phot", m, 3),
          Float64Array.from([0, 1, 1]),
          3,
        )[0],
      ),
    ).toBe(true);
  });

  it("standardised-ln: zero mean, unit deviation per band on the fitting rows", () => {
    const m = Float64Array.from({ length: 200 }, (_, i) =>
      Math.exp(-10 - (i % 17) * 0.3 - (i % 2)),
    );
    const stats = fitTransform("standardised-ln", m, 2);
    const x = transformPhotometry(stats, m, 2);
    const col = Array.from({ length: 100 }, (_, r) => x[2 * r]!);
    const mean = col.reduce((a, b) => a + b, 0) / 100;
    const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / 100);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
  });

  it("seeded split: disjoint, complete, ⌊0.8 M⌋ training rows, reproducible", () => {
    const a = seededSplit(1000, 0.8, 0);
    const b = seededSplit(1000, 0.8, 0);
    expect(a.train.length).toBe(800);
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    const all = new Set([...a.train, ...a.test]);
    expect(all.size).toBe(1000);
    expect(Array.from(seededSplit(1000, 0.8, 1).train)).not.toEqual(Array.from(a.train));
    expect(Array.from(gatherRows([0, 1, 2, 3, 4, 5], 2, [2, 0]))).toEqual([4, 5, 0, 1]);
  });
});
