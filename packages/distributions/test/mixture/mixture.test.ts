/**
 * MixtureGeneral and MixtureSameFamily: logProb against brute-force logsumexp of
 * scalar log-densities, componentLogProbs rows, the seed-004 outlier likelihood against a
 * hand-written scalar loop, gradients against central differences, sample moments (fixed
 * keys, 5 standard errors), moments by the law of total variance, validation, compile.
 *
 * Tolerances: 1e-13 relative for logProb identities (same formula, different summation
 * order); 1e-7 for gradients vs h = 1e-6 central differences.
 */
import {
  add,
  compile,
  cos,
  div,
  exp,
  grad,
  logsumexp,
  mul,
  sqrt,
  square,
  stack,
  sub,
  sum,
  type Tensor,
  take,
  tan,
  tensor,
} from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { Categorical } from "../../src/discrete/index.js";
import { DistributionError } from "../../src/errors.js";
import { MixtureGeneral, MixtureSameFamily } from "../../src/mixture/index.js";
import { MultivariateNormal } from "../../src/multivariate/index.js";
import { key } from "../../src/random/index.js";
import {
  expectRel,
  finiteDiff,
  moments,
  TestHalfNormal,
  TestNormal,
} from "../multivariate/helpers.js";
import { linearOutliers } from "./fixtures/linear-outliers.js";

const normLogPdf = (x: number, mu: number, sigma: number) =>
  -0.5 * ((x - mu) / sigma) ** 2 - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
const lse = (a: number, b: number) => {
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

describe("MixtureGeneral", () => {
  const xs = [-3, -0.4, 0, 0.7, 2.5, 8];
  const make = (w: number, m1: number, s1: number, m2: number, s2: number) =>
    MixtureGeneral(Categorical({ probs: tensor([w, 1 - w]) }), [
      new TestNormal(m1, s1),
      new TestNormal(m2, s2),
    ]);

  it("logProb equals brute-force logsumexp; componentLogProbs rows logsumexp to logProb", () => {
    const d = make(0.3, -0.5, 0.8, 1.5, 2.2);
    const lp = d.logProb(tensor(xs));
    const brute = xs.map((x) =>
      lse(Math.log(0.3) + normLogPdf(x, -0.5, 0.8), Math.log(0.7) + normLogPdf(x, 1.5, 2.2)),
    );
    expectRel(lp, brute, 1e-13);
    const c = d.componentLogProbs(tensor(xs));
    expect(c.shape).toEqual([6, 2]);
    expectRel(logsumexp(c, -1), lp.toArray(), 1e-15);
  });

  it("gradients in component parameters and weight match central differences", () => {
    const f = (p: Tensor) => {
      const [w, m1, s1, m2, s2] = [0, 1, 2, 3, 4].map((i) => take(p, i));
      return sum(
        MixtureGeneral(Categorical({ probs: stack([w, sub(1, w)]) }), [
          new TestNormal(m1, s1),
          new TestNormal(m2, s2),
        ]).logProb(tensor(xs)),
      );
    };
    const p0 = [0.3, -0.5, 0.8, 1.5, 2.2];
    const [g] = grad(f)(tensor(p0));
    expectRel(
      g,
      finiteDiff((v) => f(tensor(v)).item(), p0),
      1e-7,
    );
  });

  it("mean and variance follow the law of total variance; samples agree (5 SE)", () => {
    const d = make(0.3, -0.5, 0.8, 1.5, 2.2);
    const mu = 0.3 * -0.5 + 0.7 * 1.5;
    const v = 0.3 * (0.64 + 0.25) + 0.7 * (2.2 ** 2 + 2.25) - mu * mu;
    expect(d.mean.item()).toBeCloseTo(mu, 14);
    expect(d.variance.item()).toBeCloseTo(v, 13);
    const n = 40000;
    const s = d.sample(key(17), [n]);
    expect(s.shape).toEqual([n]);
    const { mean: m, variance: sv } = moments(s.toArray(), n);
    expect(Math.abs(m[0] - mu)).toBeLessThanOrEqual(5 * Math.sqrt(v / n));
    // mixture kurtosis is modest here; allow se(var) = v √(4/n)
    expect(Math.abs(sv[0] - v)).toBeLessThanOrEqual(5 * v * Math.sqrt(4 / n));
  });

  it("batches: per-point components (as in the seed-004 plate)", () => {
    const locs = tensor([0, 1, 2]);
    const d = MixtureGeneral(Categorical({ probs: [0.6, 0.4] }), [
      new TestNormal(locs, 0.5),
      new TestNormal(0, 3),
    ]);
    expect(d.batchShape).toEqual([3]);
    expect(d.logProb(tensor([0.1, 0.2, 0.3])).shape).toEqual([3]);
    expect(d.sample(key(1), [4]).shape).toEqual([4, 3]);
    expect(d.mean.shape).toEqual([3]);
  });

  it("rejects mismatched supports, component counts and non-Categorical mixing", () => {
    const mix = Categorical({ probs: [0.5, 0.5] });
    expect(() => MixtureGeneral(mix, [new TestNormal(0, 1), new TestHalfNormal(0, 1)])).toThrow(
      DistributionError,
    );
    expect(() => MixtureGeneral(mix, [new TestNormal(0, 1), new TestHalfNormal(0, 1)])).toThrow(
      /support/,
    );
    expect(() => MixtureGeneral(mix, [new TestNormal(0, 1)])).toThrow(/components/);
    expect(() =>
      MixtureGeneral(new TestNormal(0, 1) as unknown as ReturnType<typeof Categorical>, [
        new TestNormal(0, 1),
      ]),
    ).toThrow(/mixingDistribution/);
  });

  it("seed 004: the outlier log-likelihood equals a hand-written scalar loop", () => {
    const { x, y, yerr } = linearOutliers;
    const theta = 0.65;
    const bPerp = 0.1;
    const bgMean = 0.2;
    const bgSigma = 1.1;
    const Q = 0.75;
    const logLik = (p: Tensor) => {
      const [th, bp, bm, bs, q] = [0, 1, 2, 3, 4].map((i) => take(p, i));
      const m = tan(th);
      const b = div(bp, cos(th));
      const fg = new TestNormal(add(mul(m, tensor(x)), b), tensor(yerr));
      const bg = new TestNormal(bm, sqrt(add(square(bs), square(tensor(yerr)))));
      const mix = Categorical({ probs: stack([q, sub(1, q)], -1) });
      return sum(MixtureGeneral(mix, [fg, bg]).logProb(tensor(y)));
    };
    const p0 = [theta, bPerp, bgMean, bgSigma, Q];
    let loop = 0;
    const m = Math.tan(theta);
    const b = bPerp / Math.cos(theta);
    for (let i = 0; i < x.length; i++) {
      const a = Math.log(Q) + normLogPdf(y[i], m * x[i] + b, yerr[i]);
      const c = Math.log(1 - Q) + normLogPdf(y[i], bgMean, Math.sqrt(bgSigma ** 2 + yerr[i] ** 2));
      loop += lse(a, c);
    }
    const eager = logLik(tensor(p0)).item();
    expectRel([eager], [loop], 1e-13);
    // the compiled likelihood (traced Q: Categorical validation skipped) agrees too,
    // and its gradient matches central differences
    const comp = compile(logLik, [tensor(p0)]);
    const g = new Float64Array(5);
    const v = comp.flat(Float64Array.from(p0), g);
    expectRel([v], [loop], 1e-13);
    expectRel(
      g,
      finiteDiff((q) => logLik(tensor(q)).item(), p0),
      1e-7,
    );
  });
});

describe("MixtureSameFamily", () => {
  it("matches MixtureGeneral with the same components; moments and samples", () => {
    const w = [0.2, 0.5, 0.3];
    const locs = [-2, 0, 3];
    const scales = [0.5, 1, 2];
    const msf = MixtureSameFamily(
      Categorical({ probs: w }),
      new TestNormal(tensor(locs), tensor(scales)),
    );
    const gen = MixtureGeneral(
      Categorical({ probs: w }),
      locs.map((l, i) => new TestNormal(l, scales[i])),
    );
    expect(msf.batchShape).toEqual([]);
    const xs = tensor([-2.5, -1, 0, 1.2, 4]);
    expectRel(msf.logProb(xs), gen.logProb(xs).toArray(), 1e-14);
    expect(msf.componentLogProbs(xs).shape).toEqual([5, 3]);
    expect(msf.mean.item()).toBeCloseTo(gen.mean.item(), 14);
    expect(msf.variance.item()).toBeCloseTo(gen.variance.item(), 13);
    const n = 40000;
    const { mean: m, variance: v } = moments(msf.sample(key(23), [n]).toArray(), n);
    const vv = msf.variance.item();
    expect(Math.abs(m[0] - msf.mean.item())).toBeLessThanOrEqual(5 * Math.sqrt(vv / n));
    expect(Math.abs(v[0] - vv)).toBeLessThanOrEqual(5 * vv * Math.sqrt(4 / n));
    expect(
      sum(exp(msf.logProb(tensor(Array.from({ length: 4000 }, (_, i) => -20 + i * 0.01))))).item() *
        0.01,
    ).toBeCloseTo(1, 6);
  });

  it("mixes multivariate normals (event shape [2]) as brute-force logsumexp", () => {
    const locs = tensor([0, 0, 2, -1], [2, 2]);
    const comp = MultivariateNormal(locs, { scaleTril: tensor([1, 0, 0.3, 0.8], [2, 2]) });
    const d = MixtureSameFamily(Categorical({ logits: [0.2, -0.4] }), comp);
    expect(d.eventShape).toEqual([2]);
    const x = tensor([0.5, -0.2, 1.8, -0.9, 3, 3], [3, 2]);
    const lp = d.logProb(x);
    expect(lp.shape).toEqual([3]);
    const lw = Categorical({ logits: [0.2, -0.4] }).logits.toArray();
    const c0 = MultivariateNormal([0, 0], {
      scaleTril: [
        [1, 0],
        [0.3, 0.8],
      ],
    })
      .logProb(x)
      .toArray();
    const c1 = MultivariateNormal([2, -1], {
      scaleTril: [
        [1, 0],
        [0.3, 0.8],
      ],
    })
      .logProb(x)
      .toArray();
    expectRel(
      lp,
      [0, 1, 2].map((i) => lse(lw[0] + c0[i], lw[1] + c1[i])),
      1e-13,
    );
    expect(d.sample(key(3), [5]).shape).toEqual([5, 2]);
    expect(d.mean.shape).toEqual([2]);
  });

  it("broadcasts a batched mixing distribution over unbatched components", () => {
    const mix = Categorical({ probs: tensor([0.2, 0.8, 0.9, 0.1], [2, 2]) });
    const d = MixtureSameFamily(mix, new TestNormal(tensor([-1, 1]), 0.5));
    expect(d.batchShape).toEqual([2]);
    expect(d.sample(key(2), [3]).shape).toEqual([3, 2]);
    expect(d.mean.toArray()[0]).toBeCloseTo(0.6, 14);
  });

  it("rejects a component count that differs from the mixing categories", () => {
    expect(() =>
      MixtureSameFamily(Categorical({ probs: [0.5, 0.5] }), new TestNormal(tensor([0, 1, 2]), 1)),
    ).toThrow(/MixtureSameFamily.*3 components/);
  });
});
