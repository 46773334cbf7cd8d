import { grad, sum, type Tensor, tensor } from "@sidereal/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AffineTransform,
  type Bijector,
  bijectTo,
  ComposeTransform,
  CorrCholeskyTransform,
  ExpTransform,
  IdentityTransform,
  IndependentTransform,
  LowerCholeskyAffine,
  LowerCholeskyTransform,
  OrderedTransform,
  PowerTransform,
  SigmoidTransform,
  SoftplusTransform,
  StickBreakingTransform,
  TanhTransform,
} from "../../src/bijectors/index.js";
import { interval, positive, positiveDefinite, realVector } from "../../src/constraints/index.js";
import {
  lowerPositions,
  maxAbsDiff,
  numericalLogAbsDet,
  pick,
  strictLowerPositionsOf,
} from "./helpers.js";

// Tolerances. Round trips: 1e-9 absolute (inputs are O(1)-O(10); every inverse is computed
// in a cancellation-free form, observed errors are ~1e-14). Jacobians: central differences
// with h = 1e-5 have truncation error O(h²·f''') ≈ 1e-10 and rounding error O(ε/h) ≈ 1e-11
// per entry, so log|det J| agrees to 1e-6 (observed ≤ 4e-8, worst for Sigmoid at |x| ≈ 8;
// round trips observed ≤ 3e-13).
const ROUND_TRIP_TOL = 1e-9;
const JAC_TOL = 1e-6;

interface Case {
  name: string;
  b: Bijector;
  /** Length of the (single-event) input vector. */
  dim: number;
  lo: number;
  hi: number;
  /** Free coordinates of the output (defaults to all of them). */
  project?: (y: Float64Array) => Float64Array;
}

const L3 = tensor([1.5, 0, 0, -0.3, 0.8, 0, 0.4, 1.1, 2.0], [3, 3]);
const dropLast = (y: Float64Array) => y.slice(0, -1);

const cases: Case[] = [
  { name: "Identity", b: IdentityTransform(), dim: 3, lo: -10, hi: 10 },
  { name: "Exp", b: ExpTransform(), dim: 3, lo: -5, hi: 5 },
  {
    name: "Affine",
    b: AffineTransform([1, -2, 0.5], [2, -0.5, 3]),
    dim: 3,
    lo: -5,
    hi: 5,
  },
  {
    name: "Affine(realVector)",
    b: AffineTransform(0.3, [2, -0.5, 3], { domain: realVector }),
    dim: 3,
    lo: -5,
    hi: 5,
  },
  { name: "Sigmoid", b: SigmoidTransform(), dim: 3, lo: -8, hi: 8 },
  { name: "Softplus", b: SoftplusTransform(), dim: 3, lo: -8, hi: 8 },
  { name: "Tanh", b: TanhTransform(), dim: 3, lo: -4, hi: 4 },
  { name: "Power(2.5)", b: PowerTransform(2.5), dim: 3, lo: 0.1, hi: 5 },
  { name: "Power(-0.7)", b: PowerTransform(-0.7), dim: 3, lo: 0.1, hi: 5 },
  { name: "Ordered", b: OrderedTransform(), dim: 4, lo: -3, hi: 3 },
  { name: "StickBreaking", b: StickBreakingTransform(), dim: 4, lo: -4, hi: 4, project: dropLast },
  { name: "LowerCholeskyAffine", b: LowerCholeskyAffine([1, 2, 3], L3), dim: 3, lo: -5, hi: 5 },
  {
    name: "CorrCholesky",
    b: CorrCholeskyTransform(),
    dim: 6,
    lo: -2,
    hi: 2,
    project: (y) => pick(y, strictLowerPositionsOf(4)),
  },
  {
    name: "LowerCholesky",
    b: LowerCholeskyTransform(),
    dim: 6,
    lo: -2,
    hi: 2,
    project: (y) => pick(y, lowerPositions(3)),
  },
  {
    name: "Compose(Exp, Affine(positive))",
    b: ComposeTransform([ExpTransform(), AffineTransform(1, 2, { domain: positive })]),
    dim: 3,
    lo: -4,
    hi: 4,
  },
  {
    name: "Independent(Exp, 1)",
    b: IndependentTransform(ExpTransform(), 1),
    dim: 3,
    lo: -4,
    hi: 4,
  },
  { name: "bijectTo(interval(-2, 5))", b: bijectTo(interval(-2, 5)), dim: 3, lo: -6, hi: 6 },
  {
    name: "bijectTo(positiveOrderedVector)",
    b: bijectTo({ name: "positiveOrderedVector", eventDim: 1, check: () => tensor(1) }),
    dim: 4,
    lo: -2,
    hi: 2,
  },
  {
    name: "bijectTo(positiveDefinite)",
    b: bijectTo(positiveDefinite),
    dim: 6,
    lo: -1,
    hi: 1,
    project: (y) => pick(y, lowerPositions(3)),
  },
];

const vec = (c: Case) =>
  fc.array(fc.double({ min: c.lo, max: c.hi, noNaN: true }), {
    minLength: c.dim,
    maxLength: c.dim,
  });

describe.each(cases)("$name", (c) => {
  it("inverse(forward(x)) = x", () => {
    fc.assert(
      fc.property(vec(c), (xs) => {
        const x = tensor(xs);
        const back = c.b.inverse(c.b.forward(x)).toArray();
        expect(maxAbsDiff(back, xs)).toBeLessThan(
          ROUND_TRIP_TOL * (1 + Math.max(...xs.map(Math.abs))),
        );
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("logAbsDetJacobian = log|det J| of the numerical Jacobian", () => {
    const project = c.project ?? ((y: Float64Array) => y);
    fc.assert(
      fc.property(vec(c), (xs) => {
        const x = tensor(xs);
        const y = c.b.forward(x);
        const ladj = sum(c.b.logAbsDetJacobian(x, y)).item();
        const f = (v: Float64Array) => project(c.b.forward(tensor(v)).data.slice());
        const num = numericalLogAbsDet(f, Float64Array.from(xs));
        expect(Math.abs(ladj - num)).toBeLessThan(JAC_TOL * (1 + Math.abs(num)));
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it("maps into its codomain and forwardShape/inverseShape match (batched input)", () => {
    const xs = Array.from(
      { length: 2 * c.dim },
      (_, i) => c.lo + ((c.hi - c.lo) * (i + 0.5)) / (2 * c.dim),
    );
    const x = tensor(xs, [2, c.dim]);
    const y = c.b.forward(x);
    expect(y.shape).toEqual(c.b.forwardShape([2, c.dim]));
    expect(c.b.inverseShape(y.shape)).toEqual([2, c.dim]);
    expect(c.b.inverse(y).shape).toEqual([2, c.dim]);
    const ok = c.b.codomain.check(y).toArray();
    expect(ok.every((v) => v === 1)).toBe(true);
    const ladj = c.b.logAbsDetJacobian(x, y);
    // elementwise bijectors keep the element shape; vector/matrix ones reduce the event
    expect(ladj.shape).toEqual(c.b.domain.eventDim === 0 ? [2, c.dim] : [2]);
  });
});

describe("gradients of logAbsDetJacobian", () => {
  // central differences, h = 1e-6: error O(h²) + O(ε/h) ≈ 1e-10; tolerance 1e-6
  const check = (b: Bijector, xs: number[]) => {
    const f = (x: Tensor) => sum(b.logAbsDetJacobian(x, b.forward(x)));
    const [g] = grad(f)(tensor(xs));
    const h = 1e-6;
    const num = xs.map((_, j) => {
      const p = xs.slice();
      const m = xs.slice();
      p[j] += h;
      m[j] -= h;
      return (f(tensor(p)).item() - f(tensor(m)).item()) / (2 * h);
    });
    expect(maxAbsDiff(g.toArray(), num)).toBeLessThan(1e-6);
  };
  it("StickBreaking", () => check(StickBreakingTransform(), [0.3, -1.2, 2.0, 0.1]));
  it("CorrCholesky", () => check(CorrCholeskyTransform(), [0.3, -1.2, 1.0, 0.1, -0.4, 0.8]));
  it("Sigmoid / Softplus / Tanh", () => {
    check(SigmoidTransform(), [-3, 0.2, 5]);
    check(SoftplusTransform(), [-3, 0.2, 5]);
    check(TanhTransform(), [-3, 0.2, 2]);
  });
  it("bijectTo(positiveDefinite)", () =>
    check(bijectTo(positiveDefinite), [0.3, -0.2, 0.5, 0.1, -0.4, 0.8]));
});

describe("special values", () => {
  it("StickBreaking maps 0 to the uniform simplex point and stays finite for large |x|", () => {
    const y = StickBreakingTransform().forward([0, 0, 0]).toArray();
    expect(maxAbsDiff(y, [0.25, 0.25, 0.25, 0.25])).toBeLessThan(1e-15);
    const b = StickBreakingTransform();
    const x = tensor([40, -40, 30]);
    const yy = b.forward(x);
    expect(Number.isFinite(b.logAbsDetJacobian(x, yy).item())).toBe(true);
    expect(Math.abs(sum(yy).item() - 1)).toBeLessThan(1e-12);
  });
  it("CorrCholesky maps 0 to the identity and rows have unit norm", () => {
    const l = CorrCholeskyTransform().forward([0, 0, 0]).toArray();
    expect(maxAbsDiff(l, [1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-15);
    const b = CorrCholeskyTransform();
    const x = tensor([25, -30, 18]);
    expect(Number.isFinite(b.logAbsDetJacobian(x, b.forward(x)).item())).toBe(true);
  });
  it("Sigmoid / Tanh Jacobians stay finite far in the tails", () => {
    const x = tensor([-800, 800]);
    for (const b of [SigmoidTransform(), TanhTransform(), SoftplusTransform()])
      expect(b.logAbsDetJacobian(x, b.forward(x)).toArray().every(Number.isFinite)).toBe(true);
  });
  it("AffineTransform codomain follows the domain (seed 004: AffineTransform(0, L/2, positive))", () => {
    const b = AffineTransform(0, 185, { domain: positive });
    expect(b.codomain.name).toBe("greaterThan");
    expect(Array.from(b.codomain.check([1, -1]).data)).toEqual([1, 0]);
    const neg = AffineTransform(2, -3, { domain: positive });
    expect(neg.codomain.name).toBe("lessThan");
    expect(Array.from(neg.codomain.check([1.9, 2.1]).data)).toEqual([1, 0]);
    const iv = AffineTransform(1, -2, { domain: interval(0, 1) });
    expect(Array.from(iv.codomain.check([-0.9, 0.9, 1.1]).data)).toEqual([1, 1, 0]);
  });
  it("bad parameters throw typed errors", () => {
    expect(() => AffineTransform(0, [1, 0])).toThrow(
      expect.objectContaining({ _tag: "BijectorError", parameter: "scale" }),
    );
    expect(() => PowerTransform(0)).toThrow(expect.objectContaining({ _tag: "BijectorError" }));
    expect(() => CorrCholeskyTransform().forward([1, 2])).toThrow(
      expect.objectContaining({ _tag: "BijectorError", parameter: "input" }),
    );
    expect(() => LowerCholeskyAffine([1, 2], L3)).toThrow(
      expect.objectContaining({ parameter: "loc" }),
    );
  });
  it("LowerCholeskyAffine handles batched inputs and batched scale", () => {
    const b = LowerCholeskyAffine([1, 2, 3], L3);
    const x = tensor([1, 2, 3, -1, 0.5, 2], [2, 3]);
    const y = b.forward(x);
    expect(maxAbsDiff(b.inverse(y).toArray(), x.toArray())).toBeLessThan(1e-12);
    const lb = tensor([...L3.toArray(), ...L3.toArray().map((v) => 2 * v)], [2, 3, 3]);
    const bb = LowerCholeskyAffine(0, lb);
    const yb = bb.forward([1, 1, 1]);
    expect(yb.shape).toEqual([2, 3]);
    expect(maxAbsDiff(bb.inverse(yb).toArray(), [1, 1, 1, 1, 1, 1])).toBeLessThan(1e-12);
    expect(bb.logAbsDetJacobian(tensor([1, 1, 1]), yb).toArray()[1]).toBeCloseTo(
      Math.log(1.5 * 0.8 * 2 * 8),
      12,
    );
  });
});
