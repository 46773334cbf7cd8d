import { key } from "@sidereal/distributions";
import { Effect } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeForwardModelParams,
  defaultFreeParams,
  denormaliseParams,
  denormaliseTheta,
  latinHypercube,
  normaliseParams,
  normaliseTheta,
  redshiftSlices,
  SEED_GALAXY_MODEL,
  uniformRows,
  workerSampleCounts,
  workerUnitRows,
} from "../src/index.js";

const fp = defaultFreeParams();
const D = 9;

describe("designs", () => {
  it("uniform rows lie in the unit hypercube, and their θ in the FreeParams hypercube", () => {
    fc.assert(
      fc.property(fc.nat(2 ** 31), fc.integer({ min: 1, max: 200 }), (seed, n) => {
        const u = uniformRows(key(seed), 0, n, D);
        expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
        const theta = denormaliseTheta(fp, u);
        for (let i = 0; i < theta.length; i++) {
          const j = i % D;
          const lo = fp.log[j] ? 10 ** fp.limits[2 * j] : fp.limits[2 * j];
          const hi = fp.log[j] ? 10 ** fp.limits[2 * j + 1] : fp.limits[2 * j + 1];
          expect(theta[i]).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
          expect(theta[i]).toBeLessThanOrEqual(hi * (1 + 1e-12));
        }
      }),
      { numRuns: 50 },
    );
  });
  it("uniform rows are a stream: any block equals the same rows of a longer draw", () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (seed, start, count) => {
          const all = uniformRows(key(seed), 0, start + count, 3);
          expect(Array.from(uniformRows(key(seed), start, count, 3))).toEqual(
            Array.from(all.subarray(start * 3)),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
  it("LHS: every column holds exactly one point per stratum", () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 31),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 9 }),
        (seed, n, d) => {
          const x = latinHypercube(key(seed), n, d);
          for (let j = 0; j < d; j++) {
            const seen = new Uint8Array(n);
            for (let i = 0; i < n; i++) {
              const v = x[i * d + j];
              expect(v >= 0 && v < 1).toBe(true);
              seen[Math.floor(v * n)]++;
            }
            expect(seen.every((c) => c === 1)).toBe(true);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
  it("same seed → same draws; another key → other draws", () => {
    expect(Array.from(latinHypercube(key(1), 10, 2))).toEqual(
      Array.from(latinHypercube(key(1), 10, 2)),
    );
    expect(Array.from(latinHypercube(key(1), 10, 2))).not.toEqual(
      Array.from(latinHypercube(key(2), 10, 2)),
    );
  });
});

describe("workers and redshift slices", () => {
  it("slices partition the redshift range exactly once", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (lo, width, p) => {
          const hi = lo + width;
          const s = redshiftSlices(lo, hi, p);
          expect(s.length).toBe(p);
          expect(s[0].zLo).toBe(lo);
          expect(s[p - 1].zHi).toBe(hi);
          for (let i = 0; i < p; i++) {
            expect(s[i].zHi).toBeGreaterThan(s[i].zLo);
            if (i > 0) expect(s[i].zLo).toBe(s[i - 1].zHi);
          }
        },
      ),
    );
  });
  it("worker counts sum to N and differ by at most one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 128 }), (n, p) => {
        const c = workerSampleCounts(n, p);
        expect(c.reduce((a, b) => a + b, 0)).toBe(n);
        expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it("a worker's redshifts stay in its slice, on the global normalised scale; LHS stays stratified in it", () => {
    const slices = redshiftSlices(0, 6, 4);
    for (const design of ["uniform", "lhs"] as const) {
      for (const s of slices) {
        const u = workerUnitRows(fp, 42, s, design, 100);
        const z = denormaliseTheta(fp, u).filter((_, i) => i % D === 0);
        expect(Math.min(...z)).toBeGreaterThanOrEqual(s.zLo);
        expect(Math.max(...z)).toBeLessThanOrEqual(s.zHi);
        if (design === "lhs") {
          const seen = new Uint8Array(100);
          for (const v of z)
            seen[Math.min(Math.floor(((v - s.zLo) / (s.zHi - s.zLo)) * 100), 99)]++;
          expect(seen.every((c) => c === 1)).toBe(true);
        }
      }
    }
    expect(() => workerUnitRows(fp, 1, slices[0], "lhs", 10, 5)).toThrow(RangeError);
  });
});

describe("θ ↔ normalised θ", () => {
  it("FreeParams: round trip to 1e-12 (log10 columns included)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: D, maxLength: D }),
        (u) => {
          const unit = Float64Array.from(u);
          const back = normaliseTheta(fp, denormaliseTheta(fp, unit));
          for (let j = 0; j < D; j++) expect(Math.abs(back[j] - unit[j])).toBeLessThan(1e-12);
        },
      ),
    );
  });
  it("FreeParams: known values (log_mass 10 → 1e10 is normalised to 0.5)", () => {
    const u = normaliseTheta(
      fp,
      Float64Array.from([
        3,
        1e10,
        1,
        6.9005,
        10 ** ((Math.log10(0.1) + Math.log10(30)) / 2),
        1e-7,
        0.25,
        15,
        45,
      ]),
    );
    expect(Array.from(u).map((v) => Number(v.toFixed(12)))).toEqual([
      0.5, 0.5, 0.5, 0.5, 0.5, 0, 0.5, 1, 0.5,
    ]);
  });
  it("configuration parameters: ln for log-scaled ones, round trip to 1e-12", () => {
    const params = Effect.runSync(decodeForwardModelParams(SEED_GALAXY_MODEL)).freeParams;
    const u = normaliseParams(
      params,
      Float64Array.from([2, 1e8, -0.905, 1, 6.9005, Math.sqrt(0.1 * 100)]),
    );
    expect(u[1]).toBeCloseTo(0.5, 12);
    expect(u[5]).toBeCloseTo(0.5, 12);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (x) => {
          const unit = Float64Array.from(x);
          const back = normaliseParams(params, denormaliseParams(params, unit));
          for (let j = 0; j < 6; j++) expect(Math.abs(back[j] - unit[j])).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
