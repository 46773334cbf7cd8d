import { describe, expect, test } from "vitest";
import {
  LBFGSB_MESSAGES,
  lbfgs,
  lbfgsB,
  OptimizerError,
  type ValueAndGrad,
} from "../../src/optim/index.js";
import { quadratic, rosen, SEP_BOUNDS, SEP_SOLUTION, separable } from "./problems.js";

/** 5×5 SPD matrix with condition number ~30, and its inverse (via Gauss–Jordan). */
function spd5(): Float64Array {
  const n = 5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = 1 / (1 + Math.abs(i - j)) + (i === j ? i + 1 : 0);
  }
  return a;
}

function invert(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    const p = m[c * n + c];
    for (let k = 0; k < n; k++) {
      m[c * n + k] /= p;
      inv[c * n + k] /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c];
      for (let k = 0; k < n; k++) {
        m[r * n + k] -= f * m[c * n + k];
        inv[r * n + k] -= f * inv[c * n + k];
      }
    }
  }
  return inv;
}

/** Bound-active coordinates must be exactly on the bound; the free one (index 3) to 1e-10. */
function expectSepSolution(x: Float64Array): void {
  for (let i = 0; i < SEP_SOLUTION.length; i++) {
    if (i === 3) expect(Math.abs(x[i] - SEP_SOLUTION[i])).toBeLessThan(1e-10);
    else expect(x[i]).toBe(SEP_SOLUTION[i]);
  }
}

function relFrob(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe("lbfgsB behaviour", () => {
  test("bound-active separable quadratic reaches clip(c, l, u) exactly", () => {
    const res = lbfgsB(separable, new Float64Array(6), { bounds: SEP_BOUNDS });
    expect(res.success).toBe(true);
    expectSepSolution(res.x);
    expect(res.fun).toBeCloseTo(7.5625, 12);
  });

  test("Rosenbrock 2-D with upper bound 0.8 converges to the bound-active optimum", () => {
    const res = lbfgsB(rosen, [-1.2, 1], {
      bounds: [
        [-2, 0.8],
        [-2, 0.8],
      ],
    });
    expect(res.x[0]).toBe(0.8);
    expect(res.x[1]).toBeCloseTo(0.64, 6);
    expect(res.fun).toBeCloseTo(0.04, 10);
  });

  test("accepts { value, grad } and [value, grad] objectives identically", () => {
    const asObject = (x: Float64Array): ValueAndGrad => {
      const [value, grad] = rosen(x);
      return { value, grad };
    };
    const a = lbfgsB(rosen, [-1.2, 1]);
    const b = lbfgsB(asObject, [-1.2, 1]);
    expect(b.fun).toBe(a.fun);
    expect(b.nfev).toBe(a.nfev);
  });

  test("bounds as lower/upper arrays equal bounds as pairs", () => {
    const lower = new Float64Array([0, -1, -Infinity, -Infinity, -Infinity, 0]);
    const upper = new Float64Array([1, Infinity, 0, Infinity, 3, 0]);
    const res = lbfgsB(separable, new Float64Array(6), { bounds: { lower, upper } });
    expectSepSolution(res.x);
  });

  test("hessInv approaches the true inverse Hessian of a quadratic", () => {
    const a = spd5();
    const ainv = invert(a, 5);
    const f = quadratic(a, new Float64Array([1, -2, 3, -4, 5]));
    const res = lbfgsB(f, new Float64Array(5), { factr: 10, pgtol: 1e-10 });
    expect(res.success).toBe(true);
    expect(res.hessInv.nCorrections).toBeGreaterThanOrEqual(5);
    const dense = res.hessInv.toDense();
    // The identity (a natural initial guess) is far from A⁻¹; L-BFGS gets close.
    const eye = new Float64Array(25);
    for (let i = 0; i < 5; i++) eye[i * 6] = 1;
    expect(relFrob(eye, ainv)).toBeGreaterThan(1);
    expect(relFrob(dense, ainv)).toBeLessThan(0.05);
    // matvec agrees with the dense matrix, and the matrix is symmetric.
    const v = new Float64Array([0.3, -1, 2, 0.5, -0.7]);
    const hv = res.hessInv.matvec(v);
    for (let i = 0; i < 5; i++) {
      let s = 0;
      for (let j = 0; j < 5; j++) s += dense[i * 5 + j] * v[j];
      expect(hv[i]).toBeCloseTo(s, 12);
      for (let j = 0; j < 5; j++) expect(dense[i * 5 + j]).toBeCloseTo(dense[j * 5 + i], 12);
    }
  });

  test("x0 outside the bounds is clipped with a warning (no console output)", () => {
    const seen: string[] = [];
    const x0 = new Float64Array([5, 0, 0, 0, 0, 0]);
    const res = lbfgsB(separable, x0, { bounds: SEP_BOUNDS, onWarning: (m) => seen.push(m) });
    expect(res.warnings).toHaveLength(1);
    expect(res.warnings[0]).toMatch(/x0\[0\] = 5 .*clipped to 1/);
    expect(seen).toEqual(res.warnings);
    expect(x0[0]).toBe(5); // input untouched
    expectSepSolution(res.x);
  });

  test("bad input throws OptimizerError naming the problem", () => {
    const expectErr = (fn: () => unknown, pattern: RegExp) => {
      let caught: unknown;
      try {
        fn();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(OptimizerError);
      const err = caught as OptimizerError;
      expect(err._tag).toBe("OptimizerError");
      expect(err.message).toMatch(pattern);
    };
    expectErr(
      () =>
        lbfgsB(rosen, [0, 0], {
          bounds: [
            [0, 1],
            [2, 1],
          ],
        }),
      /index 1.*2.*1|2.*1.*index 1/,
    );
    expectErr(() => lbfgsB(rosen, [0, Number.NaN]), /x0\[1\] is NaN/);
    expectErr(() => lbfgsB(rosen, [0, 0], { bounds: [[0, 1]] }), /length 1.*length 2/);
    expectErr(
      () =>
        lbfgsB(rosen, [0, 0], {
          bounds: { lower: new Float64Array(3), upper: new Float64Array(3) },
        }),
      /3\/3.*length 2/,
    );
    expectErr(() => lbfgsB(() => [Number.NaN, new Float64Array(2)], [0, 0]), /value is NaN/);
    expectErr(
      () => lbfgsB(() => [1, new Float64Array([0, Number.POSITIVE_INFINITY])], [0, 0]),
      /gradient\[1\] is Infinity/,
    );
    expectErr(() => lbfgsB(() => [1, new Float64Array(3)], [0, 0]), /length 3, expected 2/);
    expectErr(() => lbfgsB(rosen, [0, 0], { m: 0 }), /option m/);
  });

  test("starting at the optimum returns immediately with nit 0", () => {
    const res = lbfgsB(rosen, [1, 1]);
    expect(res.nit).toBe(0);
    expect(res.nfev).toBe(1);
    expect(res.message).toBe(LBFGSB_MESSAGES.pgtol);
  });

  test("ftol/gtol aliases map to factr/pgtol", () => {
    const a = lbfgsB(rosen, [-1.2, 1], { factr: 1e3, pgtol: 1e-8 });
    const b = lbfgsB(rosen, [-1.2, 1], { ftol: 1e3 * 2.220446049250313e-16, gtol: 1e-8 });
    expect(b.fun).toBe(a.fun);
    expect(b.nit).toBe(a.nit);
  });

  test("maxfun stops with status 1 and callback can halt", () => {
    const a = lbfgsB(rosen, [-1.2, 1], { maxfun: 5 });
    expect(a.status).toBe(1);
    expect(a.message).toBe(LBFGSB_MESSAGES.maxfun);
    const iters: number[] = [];
    const b = lbfgsB(rosen, [-1.2, 1], {
      callback: ({ nit }) => {
        iters.push(nit);
        return nit >= 3;
      },
    });
    expect(iters).toEqual([1, 2, 3]);
    expect(b.status).toBe(2);
    expect(b.success).toBe(false);
  });

  test("objective that is always increasing along -g ends with abnormal line search", () => {
    // Wrong-signed gradient: no descent possible.
    const res = lbfgsB((x) => [x[0] * x[0], new Float64Array([-2 * x[0]])], [1]);
    expect(res.status).toBe(2);
    expect(res.message).toBe(LBFGSB_MESSAGES.abnormal);
    expect(res.x[0]).toBe(1);
  });

  test("non-finite trial points are backed off, not propagated", () => {
    // f = 10x − log(x), minimum at 0.1; the first trial step (unit length) lands at x < 0.
    let nonFinite = 0;
    const f = (x: Float64Array): [number, Float64Array] => {
      const v = 10 * x[0] - Math.log(x[0]);
      if (!Number.isFinite(v)) nonFinite++;
      return [v, new Float64Array([10 - 1 / x[0]])];
    };
    const res = lbfgsB(f, [0.5]);
    expect(nonFinite).toBeGreaterThan(0);
    expect(res.success).toBe(true);
    expect(res.x[0]).toBeCloseTo(0.1, 5);
  });

  test("lbfgs (unconstrained) equals lbfgsB without bounds", () => {
    const a = lbfgs(rosen, [-1.2, 1]);
    const b = lbfgsB(rosen, [-1.2, 1]);
    expect(a.fun).toBe(b.fun);
    expect(a.nit).toBe(b.nit);
    expect(a.x[0]).toBeCloseTo(1, 4);
  });
});
