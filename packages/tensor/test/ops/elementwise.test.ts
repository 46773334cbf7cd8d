import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { type Tensor, tensor } from "../../src/index.js";
import { expectGradMatchesFd } from "../helpers/finite-diff.js";

type Unary = (x: Tensor) => Tensor;
/** One table of unary ops: function, NumPy-like reference, domain away from singularities. */
const UNARY: [string, Unary, (x: number) => number, number, number][] = [
  ["neg", T.neg, (x) => -x, -5, 5],
  ["exp", T.exp, Math.exp, -5, 5],
  ["expm1", T.expm1, Math.expm1, -5, 5],
  ["log", T.log, Math.log, 0.1, 10],
  ["log1p", T.log1p, Math.log1p, -0.9, 10],
  ["log10", T.log10, Math.log10, 0.1, 10],
  ["log2", T.log2, Math.log2, 0.1, 10],
  ["sqrt", T.sqrt, Math.sqrt, 0.1, 10],
  ["square", T.square, (x) => x * x, -5, 5],
  ["abs", T.abs, Math.abs, 0.1, 5],
  ["sin", T.sin, Math.sin, -5, 5],
  ["cos", T.cos, Math.cos, -5, 5],
  ["tan", T.tan, Math.tan, -1.2, 1.2],
  ["asin", T.asin, Math.asin, -0.9, 0.9],
  ["acos", T.acos, Math.acos, -0.9, 0.9],
  ["atan", T.atan, Math.atan, -5, 5],
  ["sinh", T.sinh, Math.sinh, -3, 3],
  ["cosh", T.cosh, Math.cosh, -3, 3],
  ["tanh", T.tanh, Math.tanh, -3, 3],
  ["sigmoid", T.sigmoid, (x) => 1 / (1 + Math.exp(-x)), -10, 10],
  ["logSigmoid", T.logSigmoid, (x) => -Math.log1p(Math.exp(-x)), -10, 10],
  ["softplus", T.softplus, (x) => Math.log1p(Math.exp(x)), -10, 10],
  ["logit", T.logit, (x) => Math.log(x / (1 - x)), 0.05, 0.95],
  ["log1mexp", T.log1mexp, (x) => Math.log(1 - Math.exp(x)), -5, -0.05],
];

const vec = (lo: number, hi: number, maxLen = 6) =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: 1, maxLength: maxLen });

describe("unary elementwise ops", () => {
  for (const [name, f, ref, lo, hi] of UNARY) {
    it(`${name}: values match the scalar reference and gradients match finite differences`, () => {
      fc.assert(
        fc.property(vec(lo, hi), (xs) => {
          const x = tensor(xs);
          const y = f(x).toArray();
          xs.forEach((v, i) => {
            expect(y[i]).toBeCloseTo(ref(v), 12);
          });
          expectGradMatchesFd((t) => T.sum(f(t)), [x]);
        }),
        { numRuns: 25, seed: 42 },
      );
    });
    it(`${name}: NaN propagates`, () => {
      expect(Number.isNaN(f(tensor([Number.NaN])).toArray()[0])).toBe(true);
    });
  }
  it("stable forms do not overflow", () => {
    expect(T.softplus(1000).item()).toBe(1000);
    expect(T.softplus(-1000).item()).toBe(0);
    expect(T.logSigmoid(-1000).item()).toBe(-1000);
    expect(T.sigmoid(-1000).item()).toBe(0);
    expect(T.logaddexp(1000, 1000).item()).toBeCloseTo(1000 + Math.LN2, 12);
    expect(T.logaddexp(-Infinity, -Infinity).item()).toBe(-Infinity);
    expect(T.log1mexp(-1e-20).item()).toBeCloseTo(Math.log(1e-20), 12);
    expect(T.log1mexp(-50).item()).toBeCloseTo(-Math.exp(-50), 30);
  });
  it("non-differentiable ops have zero gradient", () => {
    for (const f of [T.floor, T.ceil, T.sign, T.round]) {
      const [, [g]] = T.valueAndGrad((x) => T.sum(T.mul(f(x), x)))(tensor([1.3, -2.7]));
      expect([...g.toArray()]).toEqual([...f(tensor([1.3, -2.7])).toArray()]);
    }
  });
});

type Binary = (x: Tensor, y: Tensor) => Tensor;
const BINARY: [
  string,
  Binary,
  (x: number, y: number) => number,
  [number, number],
  [number, number],
][] = [
  ["add", T.add, (x, y) => x + y, [-5, 5], [-5, 5]],
  ["sub", T.sub, (x, y) => x - y, [-5, 5], [-5, 5]],
  ["mul", T.mul, (x, y) => x * y, [-5, 5], [-5, 5]],
  ["div", T.div, (x, y) => x / y, [-5, 5], [0.5, 5]],
  ["pow", T.pow, (x, y) => x ** y, [0.2, 3], [-2, 2]],
  ["atan2", T.atan2, Math.atan2, [0.2, 3], [-3, 3]],
  ["maximum", T.maximum, Math.max, [-5, 5], [-5, 5]],
  ["minimum", T.minimum, Math.min, [-5, 5], [-5, 5]],
  [
    "logaddexp",
    T.logaddexp,
    (x, y) => Math.max(x, y) + Math.log1p(Math.exp(-Math.abs(x - y))),
    [-5, 5],
    [-5, 5],
  ],
  ["xlogy", T.xlogy, (x, y) => x * Math.log(y), [-3, 3], [0.2, 5]],
  ["xlog1py", T.xlog1py, (x, y) => x * Math.log1p(y), [-3, 3], [-0.5, 5]],
];
/** Broadcast-compatible shape pairs: same, scalar, row/column, leading axis. */
const SHAPES: [number[], number[]][] = [
  [[3], [3]],
  [[2, 3], []],
  [[], [4]],
  [
    [2, 1],
    [1, 3],
  ],
  [[3], [2, 3]],
  [
    [2, 3, 1],
    [3, 2],
  ],
];
function fill(shape: number[], lo: number, hi: number, seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const buf = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    buf[i] = lo + ((hi - lo) * s) / 2147483647;
  }
  return tensor(buf, shape);
}
describe("binary elementwise ops with broadcasting", () => {
  for (const [name, f, ref, dx, dy] of BINARY) {
    it(`${name}: values and gradients for every broadcast pattern`, () => {
      SHAPES.forEach(([sa, sb], k) => {
        const a = fill(sa, dx[0], dx[1], 7 + k);
        const b = fill(sb, dy[0], dy[1], 11 + k);
        const out = f(a, b);
        expect(out.shape).toEqual(T.broadcastShapes("test", sa, sb));
        const ea = T.broadcastTo(a, out.shape).toArray();
        const eb = T.broadcastTo(b, out.shape).toArray();
        out.toArray().forEach((v, i) => {
          expect(v).toBeCloseTo(ref(ea[i], eb[i]), 12);
        });
        expectGradMatchesFd(
          (x, y) => T.sum(T.mul(f(x, y), fill(out.shape as number[], 0.5, 1.5, 3))),
          [a, b],
        );
      });
    });
  }
  it("incompatible shapes raise a ShapeError naming the op and shapes", () => {
    expect(() => T.add(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(
      /add: shapes \[3\], \[2\] are not broadcast-compatible/,
    );
  });
  it("comparisons return 0/1 tensors", () => {
    expect([...T.lt([1, 2, 3], 2).toArray()]).toEqual([1, 0, 0]);
    expect([...T.ge([1, 2, 3], 2).toArray()]).toEqual([0, 1, 1]);
    expect([...T.eq([1, 2, 3], 2).toArray()]).toEqual([0, 1, 0]);
    expect([...T.ne([1, 2, 3], 2).toArray()]).toEqual([1, 0, 1]);
  });
  it("where selects and routes gradients without NaN from the untaken branch", () => {
    const f = (x: Tensor) => {
      const pos = T.gt(x, 0);
      const safe = T.where(pos, x, 1); // double-where: log never sees x <= 0
      return T.sum(T.where(pos, T.log(safe), T.mul(x, 2)));
    };
    const [, [g]] = T.valueAndGrad(f)(tensor([2, -1, 0]));
    expect([...g.toArray()]).toEqual([0.5, 2, 2]);
    expect([...T.clip([-2, 0.5, 3], 0, 1).toArray()]).toEqual([0, 0.5, 1]);
  });
  it("xlogy is 0 at x = 0 and maximum splits ties", () => {
    expect(T.xlogy(0, 0).item()).toBe(0);
    const [, [gx, gy]] = T.valueAndGrad((x, y) => T.maximum(x, y))(1, 1);
    expect([gx.item(), gy.item()]).toEqual([0.5, 0.5]);
  });
});

describe("broadcasting gradients on random shapes (property)", () => {
  /** A random shape of rank 0..3 and a broadcast-compatible partner (dims set to 1 or dropped). */
  const shapePair = fc
    .array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 })
    .chain((s) =>
      fc
        .tuple(
          fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }),
          fc.integer({ min: 0, max: s.length }),
        )
        .map(([ones, drop]) => [s, s.map((d, i) => (ones[i] ? 1 : d)).slice(drop)] as const),
    );
  const ops: [string, Binary][] = [
    ["add", T.add],
    ["mul", T.mul],
    ["div", (x, y) => T.div(x, T.add(T.square(y), 1))],
    ["logaddexp", T.logaddexp],
    ["maximum", (x, y) => T.maximum(x, T.add(y, 0.123))],
  ];
  for (const [name, f] of ops)
    it(`${name}: gradients sum back to each input's shape and match finite differences`, () => {
      fc.assert(
        fc.property(
          shapePair,
          fc.boolean(),
          fc.integer({ min: 1, max: 1000 }),
          ([sa, sb], swap, seed) => {
            const [s1, s2] = swap ? [sb, sa] : [sa, sb];
            const a = fill([...s1], -2, 2, seed);
            const b = fill([...s2], -2, 2, seed + 1);
            const outShape = T.broadcastShapes("test", s1, s2);
            const w = fill(outShape, 0.5, 1.5, seed + 2);
            expectGradMatchesFd((x, y) => T.sum(T.mul(f(x, y), w)), [a, b]);
          },
        ),
        { numRuns: 30, seed: 3 },
      );
    });
});
