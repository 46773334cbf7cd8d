import {
  add,
  compile,
  grad,
  lgamma,
  log,
  mul,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  AffineTransform,
  ExpTransform,
  StickBreakingTransform,
} from "../../src/bijectors/index.js";
import { positive } from "../../src/constraints/index.js";
import { Distribution } from "../../src/distribution.js";
import { key } from "../../src/random/index.js";
import { TransformedDistribution } from "../../src/transformed.js";
import "../../src/wrappers/index.js";
import {
  bjL,
  bjLogpdf,
  bjRs,
  lognormCases,
  lognormYs,
  normalCases,
  normalXs,
} from "./fixtures/reference.js";
import { maxAbsDiff, TestNormal } from "./helpers.js";

// scipy reference values are float64-exact to a few ulps; our log densities are sums of a few
// terms of magnitude up to ~400 (|x|² terms), so we allow 5e-11 absolute for the log-normal
// (values up to 40) and 5e-10 for the normal (values up to 392): ~1e-12 relative.
const TOL = 1e-12;

/** Chi-squared(k) log density (test-only; the seed 004 prior's base). */
class TestChi2 extends Distribution {
  readonly name = "TestChi2";
  readonly batchShape = [];
  readonly eventShape = [];
  readonly support = positive;
  constructor(readonly k: number) {
    super();
  }
  logProb(v: number[] | Tensor): Tensor {
    const h = this.k / 2;
    return sub(sub(mul(h - 1, log(v)), mul(0.5, v)), add(h * Math.LN2, lgamma(h)));
  }
  sample(): Tensor {
    throw new Error("not needed");
  }
}

describe("TransformedDistribution", () => {
  it("Normal through Exp is the log-normal (scipy.stats.lognorm)", () => {
    for (const c of lognormCases) {
      const d = TransformedDistribution(new TestNormal(c.mu, c.sigma), ExpTransform());
      const lp = d.logProb(lognormYs).toArray();
      const err = maxAbsDiff(lp, c.logpdf);
      expect(err).toBeLessThan(TOL * 50);
    }
  });
  it("Normal through Affine is a normal (scipy.stats.norm)", () => {
    for (const c of normalCases) {
      const d = TransformedDistribution(new TestNormal(), [AffineTransform(c.loc, c.scale)]);
      expect(maxAbsDiff(d.logProb(normalXs).toArray(), c.logpdf)).toBeLessThan(TOL * 500);
    }
  });
  it("seed 004: Chi2(6) through AffineTransform(0, L/2, domain=positive)", () => {
    const d = TransformedDistribution(
      new TestChi2(6),
      AffineTransform(0, 0.5 * bjL, { domain: positive }),
    );
    expect(maxAbsDiff(d.logProb(bjRs).toArray(), bjLogpdf)).toBeLessThan(1e-12);
    expect(d.support.check([1, -1]).toArray()[1]).toBe(0);
    expect(d.logProb([-5]).toArray()[0]).toBe(Number.NEGATIVE_INFINITY);
  });
  it("is -Infinity (not NaN, with finite gradients) outside the support", () => {
    const d = TransformedDistribution(new TestNormal(0, 1), ExpTransform());
    const lp = d.logProb([-1, 0, 2]).toArray();
    expect(lp[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(lp[1]).toBe(Number.NEGATIVE_INFINITY);
    const [g] = grad((y: Tensor) => sum(mul(d.logProb(y), [0, 0, 1])))(tensor([-1, 0.5, 2]));
    expect(g.toArray().every(Number.isFinite)).toBe(true);
  });
  it("shapes: batch from base and transform parameters; sample shape; rsample", () => {
    const d = TransformedDistribution(new TestNormal([0, 1]), [
      ExpTransform(),
      AffineTransform(0, [[1], [2], [3]], { domain: positive }),
    ]);
    expect(d.batchShape).toEqual([3, 2]);
    expect(d.eventShape).toEqual([]);
    expect(d.hasRsample).toBe(true);
    const s = d.sample(key(3), [5]);
    expect(s.shape).toEqual([5, 3, 2]);
    expect(s.toArray().every((v) => v > 0)).toBe(true);
    expect(d.logProb(s).shape).toEqual([5, 3, 2]);
  });
  it("vector bijector on a scalar base: toEvent is applied and event dims are summed", () => {
    // StickBreaking of iid N(0,1)^3 → a distribution on the 4-simplex
    const d = TransformedDistribution(new TestNormal(tensor([0, 0, 0])), StickBreakingTransform());
    expect(d.batchShape).toEqual([]);
    expect(d.eventShape).toEqual([4]);
    expect(d.support.name).toBe("simplex");
    const y = d.sample(key(1), [2]);
    expect(y.shape).toEqual([2, 4]);
    const lp = d.logProb(y);
    expect(lp.shape).toEqual([2]);
    // manual: base log density of x = inverse(y) minus log|det J|
    const b = StickBreakingTransform();
    const x = b.inverse(y);
    const manual = sub(sum(new TestNormal().logProb(x), -1), b.logAbsDetJacobian(x, y));
    expect(maxAbsDiff(lp.toArray(), manual.toArray())).toBeLessThan(1e-12);
  });
  it("compiles (no value-dependent branching), with a traced Affine scale", () => {
    const f = (y: Tensor, scale: Tensor) =>
      sum(
        TransformedDistribution(new TestNormal(0.3, 1.2), [
          ExpTransform(),
          AffineTransform(0, scale, { domain: positive }),
        ]).logProb(y),
      );
    const ys = tensor([0.5, 2, 7]);
    const c = compile(f, [ys, tensor(2)]);
    expect(Math.abs(c.value(ys, tensor(3)).item() - f(ys, tensor(3)).item())).toBeLessThan(1e-12);
  });
  it("Exp of the log-normal sample mean matches exp(mu + sigma²/2)", () => {
    const d = TransformedDistribution(new TestNormal(0.2, 0.5), ExpTransform());
    const s = d.sample(key(42), [20000]).toArray();
    const m = s.reduce((a, v) => a + v, 0) / s.length;
    const exact = Math.exp(0.2 + 0.125);
    const sd = Math.sqrt(((Math.exp(0.25) - 1) * Math.exp(0.4 + 0.25)) / s.length);
    expect(Math.abs(m - exact)).toBeLessThan(5 * sd);
  });
});
