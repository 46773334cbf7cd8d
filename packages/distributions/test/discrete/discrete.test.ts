/**
 * Discrete distributions: log-pmfs against scipy.stats (fixtures/generate.py), pmf
 * normalisation over the support, sample moments (fixed keys, 5 standard errors),
 * support handling and parameter validation.
 *
 * Tolerances: log-pmfs at 1e-12 relative (lgamma is accurate to ~1e-15 relative; sums of
 * lgamma terms of size up to ~700 lose a few ulps of that, well within 1e-12).
 */
import { compile, exp, grad, scalar, sum, type Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  Bernoulli,
  Binomial,
  Categorical,
  Delta,
  Factor,
  GammaPoisson,
  NegativeBinomial,
  NegativeBinomial2,
  NegativeBinomialLogits,
  NegativeBinomialProbs,
  Poisson,
  Unit,
} from "../../src/discrete/index.js";
import { DistributionError } from "../../src/errors.js";
import { key } from "../../src/random/index.js";
import { expectRel, finiteDiff, flat } from "../multivariate/helpers.js";
import { ref } from "./fixtures/reference.js";

const NEG_INF = Number.NEGATIVE_INFINITY;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Sample mean and variance of a flat array. */
function mv(x: Float64Array): [number, number] {
  let m = 0;
  for (const v of x) m += v / x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2 / (x.length - 1);
  return [m, s];
}
/** |sample mean - μ| ≤ 5 σ/√n and |sample var - σ²| ≤ 5 se(var) (se from the 4th moment ≈ σ²√(2/n)(1+κ)). */
function expectMoments(x: Float64Array, mean: number, variance: number, kurtosisExcess = 0): void {
  const [m, v] = mv(x);
  const n = x.length;
  expect(Math.abs(m - mean)).toBeLessThanOrEqual(5 * Math.sqrt(variance / n));
  const seVar = variance * Math.sqrt((2 + kurtosisExcess) / n);
  expect(Math.abs(v - variance)).toBeLessThanOrEqual(5 * seVar);
}

describe("Poisson", () => {
  it("logProb matches scipy.stats.poisson.logpmf to 1e-12", () => {
    const { rate, k, logpmf } = ref.poisson;
    const d = Poisson(tensor(rate, [3, 1]));
    expect(d.batchShape).toEqual([3, 1]);
    const lp = d.logProb(tensor(k));
    expect(lp.shape).toEqual([3, 5]);
    expectRel(lp, flat(logpmf), 1e-12);
  });
  it("pmf sums to 1 and -Infinity off the support", () => {
    const d = Poisson(4.5);
    expect(sum(exp(d.logProb(tensor(range(80))))).item()).toBeCloseTo(1, 13);
    expect(d.logProb(tensor([-1, 2.5, Number.POSITIVE_INFINITY])).toArray()).toEqual(
      Float64Array.of(NEG_INF, NEG_INF, NEG_INF),
    );
    expect(Poisson(0).logProb(0).item()).toBe(0);
  });
  it("samples have the right moments", () => {
    for (const r of [3.2, 57.0]) {
      const x = Poisson(r).sample(key(11), [20000]).toArray();
      expectMoments(x, r, r, 1 / r);
    }
  });
  it("rejects a negative rate", () => {
    expect(() => Poisson(-1)).toThrow(DistributionError);
    expect(() => Poisson(-1)).toThrow(/Poisson.*rate.*-1/);
  });
  it("is differentiable in the rate: d/dλ = k/λ - 1", () => {
    const [g] = grad((r: Tensor) => Poisson(r).logProb(7))(scalar(2.5));
    expect(g.item()).toBeCloseTo(7 / 2.5 - 1, 12);
  });
});

describe("Binomial", () => {
  it("logProb matches scipy.stats.binom.logpmf (probs and logits) to 1e-12", () => {
    const { n, p, k, logpmf } = ref.binomial;
    const d = Binomial(tensor(n), { probs: tensor(p) });
    const lp = d.logProb(tensor(k, [4, 1]));
    expectRel(lp, flat(logpmf), 1e-12);
    const b = ref.binomialLogits;
    expectRel(Binomial(b.n, { logits: b.logit }).logProb(tensor(b.k)), b.logpmf, 1e-12);
  });
  it("pmf sums to 1; -Infinity outside {0..n} and for non-integers", () => {
    const d = Binomial(30, { probs: 0.37 });
    expect(sum(exp(d.logProb(tensor(range(31))))).item()).toBeCloseTo(1, 13);
    expect(d.logProb(tensor([-1, 31, 2.5])).toArray()).toEqual(
      Float64Array.of(NEG_INF, NEG_INF, NEG_INF),
    );
    expect(Binomial(5, { probs: 0 }).logProb(0).item()).toBe(0);
    expect(Binomial(5, { probs: 1 }).logProb(5).item()).toBe(0);
  });
  it("samples (inversion and BTRS regimes) have the right moments", () => {
    for (const [n, p] of [
      [12, 0.3],
      [20, 0.9],
      [400, 0.35],
      [1000, 0.93],
    ] as const) {
      const x = Binomial(n, { probs: p }).sample(key(5), [20000]).toArray();
      const v = n * p * (1 - p);
      expectMoments(x, n * p, v, Math.abs(1 - 6 * p * (1 - p)) / v);
      expect(x.every((k) => k >= 0 && k <= n && Number.isInteger(k))).toBe(true);
    }
  });
  it("validates totalCount and probs", () => {
    expect(() => Binomial(2.5, { probs: 0.3 })).toThrow(/Binomial.*totalCount.*2.5/);
    expect(() => Binomial(3, { probs: 1.5 })).toThrow(DistributionError);
    expect(() => Binomial(3, {} as { probs: number })).toThrow(DistributionError);
  });
  it("mean and variance", () => {
    const d = Binomial(tensor([10, 20]), { probs: 0.25 });
    expect(d.mean.toArray()).toEqual(Float64Array.of(2.5, 5));
    expect(d.variance.toArray()).toEqual(Float64Array.of(1.875, 3.75));
    expect(() => d.enumerateSupport()).toThrow(DistributionError);
    expect(Binomial(10, { probs: tensor([0.2, 0.7]) }).enumerateSupport().shape).toEqual([11, 2]);
  });
});

describe("NegativeBinomial family", () => {
  it("matches scipy.stats.nbinom (NegativeBinomialProbs / Logits / 2) to 1e-12", () => {
    const a = ref.nbProbs;
    expectRel(NegativeBinomialProbs(a.c, a.probs).logProb(tensor(a.k)), a.logpmf, 1e-12);
    expectRel(NegativeBinomial(a.c, { probs: a.probs }).logProb(tensor(a.k)), a.logpmf, 1e-12);
    const b = ref.nbLogits;
    expectRel(NegativeBinomialLogits(b.c, b.logits).logProb(tensor(b.k)), b.logpmf, 1e-12);
    expectRel(NegativeBinomial(b.c, { logits: b.logits }).logProb(tensor(b.k)), b.logpmf, 1e-12);
    const c = ref.nb2;
    const d = NegativeBinomial2(c.mean, c.conc);
    expectRel(d.logProb(tensor(c.k)), c.logpmf, 1e-12);
    expect(d.variance.item()).toBeCloseTo(c.var, 12);
    // GammaPoisson(c, rate) with rate = c / mean is the same distribution
    expectRel(GammaPoisson(c.conc, c.conc / c.mean).logProb(tensor(c.k)), c.logpmf, 1e-12);
  });
  it("pmf sums to 1 (truncated at 2000) and -Infinity off the support", () => {
    const d = NegativeBinomial2(4.2, 1.3);
    expect(sum(exp(d.logProb(tensor(range(2000))))).item()).toBeCloseTo(1, 12);
    expect(d.logProb(tensor([-2, 0.5])).toArray()).toEqual(Float64Array.of(NEG_INF, NEG_INF));
  });
  it("samples have mean μ and variance μ + μ²/φ", () => {
    const mu = 6;
    const phi = 2.5;
    const x = NegativeBinomial2(mu, phi).sample(key(21), [20000]).toArray();
    // excess kurtosis of NB: 6/φ + 1/(μ(1 - p)) style bound; use a generous 6/φ + 1/μ + 1
    expectMoments(x, mu, mu + (mu * mu) / phi, 6 / phi + 1 / mu + 1);
  });
  it("validates parameters", () => {
    expect(() => NegativeBinomialProbs(2, 1)).toThrow(/NegativeBinomialProbs.*probs/);
    expect(() => NegativeBinomial2(-1, 2)).toThrow(/NegativeBinomial2.*mean/);
    expect(() => NegativeBinomial2(1, 0)).toThrow(/concentration/);
  });
});

describe("Bernoulli", () => {
  it("matches scipy.stats.bernoulli.logpmf; -Infinity elsewhere", () => {
    const { p, logpmf } = ref.bernoulli;
    expectRel(Bernoulli({ probs: p }).logProb(tensor([0, 1])), logpmf, 1e-14);
    const l = Math.log(p / (1 - p));
    expectRel(Bernoulli({ logits: l }).logProb(tensor([0, 1])), logpmf, 1e-13);
    expect(
      Bernoulli({ probs: p })
        .logProb(tensor([0.5, 2, -1]))
        .toArray(),
    ).toEqual(Float64Array.of(NEG_INF, NEG_INF, NEG_INF));
  });
  it("samples have mean p", () => {
    const x = Bernoulli({ probs: 0.27 }).sample(key(3), [20000]).toArray();
    expectMoments(x, 0.27, 0.27 * 0.73, 4);
  });
  it("rejects probs outside [0, 1]", () => {
    expect(() => Bernoulli({ probs: tensor([0.2, -0.1]) })).toThrow(/Bernoulli.*probs.*-0.1/);
  });
});

describe("Categorical", () => {
  it("logProb equals log probs / log-softmax of logits", () => {
    const c = ref.categorical;
    expectRel(Categorical({ probs: c.probs }).logProb(tensor([0, 1, 2, 3])), c.logp, 1e-15);
    expectRel(
      Categorical({ logits: c.logits }).logProb(tensor([0, 1, 2, 3, 4])),
      c.logSoftmax,
      1e-14,
    );
  });
  it("off the support is -Infinity; batches broadcast", () => {
    const d = Categorical({ probs: tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0, 0], [2, 4]) });
    expect(d.batchShape).toEqual([2]);
    expect(d.logProb(tensor([4, 1.5])).toArray()).toEqual(Float64Array.of(NEG_INF, NEG_INF));
    expect(d.logProb(tensor([3, 3])).toArray()).toEqual(Float64Array.of(Math.log(0.4), NEG_INF));
    expect(d.logProb(tensor([[0], [1]])).shape).toEqual([2, 2]);
    const s = d.enumerateSupport();
    expect(s.shape).toEqual([4, 2]);
    expect(sum(exp(d.logProb(s)), 0).toArray()).toEqual(Float64Array.of(1, 1));
  });
  it("sample frequencies match probs (5 standard errors)", () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const n = 20000;
    const x = Categorical({ probs: p }).sample(key(9), [n]).toArray();
    for (let k = 0; k < 4; k++) {
      const f = x.filter((v) => v === k).length / n;
      expect(Math.abs(f - p[k])).toBeLessThanOrEqual(5 * Math.sqrt((p[k] * (1 - p[k])) / n));
    }
  });
  it("rejects probs that do not sum to 1, naming the value", () => {
    expect(() => Categorical({ probs: [0.5, 0.6] })).toThrow(DistributionError);
    expect(() => Categorical({ probs: [0.5, 0.6] })).toThrow(/Categorical.*probs.*1\.1/);
    expect(() => Categorical({ logits: [Number.NaN, 0] })).toThrow(/logits/);
  });
  it("gradient in logits: d/dlᵢ log softmax(l)[k] = δᵢₖ - pᵢ", () => {
    const l = tensor([0.3, -1.2, 2.0]);
    const [g] = grad((x: Tensor) => Categorical({ logits: x }).logProb(2))(l);
    const p = exp(Categorical({ logits: l }).logits).toArray();
    expectRel(g, [-p[0], -p[1], 1 - p[2]], 1e-13);
  });
  it("compiles with traced probs (validation skipped)", () => {
    const f = (p: Tensor) => Categorical({ probs: p }).logProb(tensor([0, 2, 1]));
    const c = compile((p: Tensor) => sum(f(p)), [tensor([0.2, 0.3, 0.5])]);
    const v = c.value(tensor([0.1, 0.6, 0.3])) as Tensor;
    expect(v.item()).toBeCloseTo(Math.log(0.1) + Math.log(0.3) + Math.log(0.6), 13);
  });
});

describe("Delta and Unit", () => {
  it("Delta: logDensity at the point, -Infinity elsewhere; samples are the point", () => {
    const d = Delta(tensor([1, 2]), { logDensity: -0.5, eventDim: 1 });
    expect(d.batchShape).toEqual([]);
    expect(d.eventShape).toEqual([2]);
    expect(
      d
        .logProb(
          tensor([
            [1, 2],
            [1, 3],
          ]),
        )
        .toArray(),
    ).toEqual(Float64Array.of(-0.5, NEG_INF));
    expect(d.sample(key(0), [3]).shape).toEqual([3, 2]);
    expect(
      Delta(3)
        .logProb(tensor([3, 4]))
        .toArray(),
    ).toEqual(Float64Array.of(0, NEG_INF));
    expect(() => Delta(3, { eventDim: 1 })).toThrow(DistributionError);
  });
  it("Unit / Factor: logProb is the log factor", () => {
    const u = Unit(tensor([-1.5, 2]));
    expect(u.eventShape).toEqual([0]);
    const s = u.sample(key(0));
    expect(s.shape).toEqual([2, 0]);
    expect(u.logProb(s).toArray()).toEqual(Float64Array.of(-1.5, 2));
    expect(
      Factor(-3)
        .logProb(tensor([], [0]))
        .item(),
    ).toBe(-3);
  });
  it("Poisson logProb gradient matches central differences", () => {
    const f = (x: Float64Array) =>
      Poisson(x[0])
        .logProb(tensor([3, 9]))
        .toArray()
        .reduce((a, b) => a + b);
    const [g] = grad((r: Tensor) => sum(Poisson(r).logProb(tensor([3, 9]))))(scalar(4.2));
    expectRel([g.item()], finiteDiff(f, [4.2]), 1e-8);
  });
});
