import { describe, expect, test } from "vitest";
import { type LbfgsBOptions, lbfgsB, type OptimizeResult } from "../../src/optim/index.js";
import { scipyReference } from "./fixtures/scipyReference.js";
import { altX0, quadratic, rosen, SEP_BOUNDS, separable, triA } from "./problems.js";

/**
 * Each case mirrors a `run(...)` line of fixtures/make_reference.py.
 * Tolerances: |fun − scipy| ≤ 1e-8·max(1, |scipy|) (absolute for minima near 0,
 * relative otherwise); nit and nfev within 20% of scipy's; same status.
 */
const tri = quadratic(triA(20), new Float64Array(20).fill(1));
const box = (n: number, lo: number, hi: number): LbfgsBOptions["bounds"] =>
  Array.from({ length: n }, () => [lo, hi] as const);

const cases: Record<string, () => OptimizeResult> = {
  rosen2: () => lbfgsB(rosen, [-1.2, 1]),
  rosen2Bounded: () => lbfgsB(rosen, [-1.2, 1], { bounds: box(2, -2, 0.8) }),
  rosen100: () => lbfgsB(rosen, altX0(100)),
  rosen100Bounded: () => lbfgsB(rosen, altX0(100), { bounds: box(100, -2, 0.8) }),
  separableQuadratic: () => lbfgsB(separable, new Float64Array(6), { bounds: SEP_BOUNDS }),
  tridiagQuadratic: () => lbfgsB(tri, new Float64Array(20), { bounds: box(20, 1, 3) }),
  tridiagQuadraticFree: () => lbfgsB(tri, new Float64Array(20)),
  rosen2Maxiter10: () => lbfgsB(rosen, [-1.2, 1], { maxiter: 10 }),
  rosen100M5: () => lbfgsB(rosen, altX0(100), { m: 5 }),
};

function within20(ours: number, ref: number): boolean {
  return Math.abs(ours - ref) <= 0.2 * ref;
}

describe("lbfgsB vs scipy 1.17 L-BFGS-B", () => {
  for (const [name, run] of Object.entries(cases)) {
    test(name, () => {
      const ref = scipyReference[name];
      expect(ref, `missing fixture ${name}`).toBeDefined();
      const res = run();
      expect(Math.abs(res.fun - ref.fun)).toBeLessThanOrEqual(
        1e-8 * Math.max(1, Math.abs(ref.fun)),
      );
      expect(res.status).toBe(ref.status);
      expect(res.message).toBe(ref.message);
      expect(within20(res.nit, ref.nit), `nit ${res.nit} vs scipy ${ref.nit}`).toBe(true);
      expect(within20(res.nfev, ref.nfev), `nfev ${res.nfev} vs scipy ${ref.nfev}`).toBe(true);
      for (let i = 0; i < ref.x.length; i++) {
        expect(Math.abs(res.x[i] - ref.x[i])).toBeLessThan(1e-3);
      }
    });
  }
});
