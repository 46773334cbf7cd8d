/**
 * Construction errors, reparameterised (pathwise) gradients, ImproperUniform, and
 * agreement of a compiled model with eager evaluation.
 */
import {
  add,
  compile,
  exp,
  grad,
  mean,
  sin,
  sum,
  type Tensor,
  tensor,
  valueAndGrad,
} from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { positive, real } from "../../src/constraints/index.js";
import {
  Beta,
  Cauchy,
  Chi2,
  Exponential,
  Gamma,
  HalfCauchy,
  HalfNormal,
  ImproperUniform,
  InverseGamma,
  Laplace,
  Logistic,
  LogNormal,
  Normal,
  Pareto,
  StudentT,
  TruncatedNormal,
  Uniform,
  VonMises,
  Weibull,
} from "../../src/continuous/index.js";
import type { Distribution } from "../../src/distribution.js";
import { DistributionError } from "../../src/errors.js";
import { key } from "../../src/random/index.js";

const INVALID: [string, () => Distribution, string][] = [
  ["Normal scale 0", () => Normal(0, 0), "scale"],
  ["Normal scale -1 in a batch", () => Normal(0, [1, -1]), "scale"],
  ["HalfNormal", () => HalfNormal(-2), "scale"],
  ["LogNormal", () => LogNormal(0, -1), "scale"],
  ["StudentT df", () => StudentT(0, 0, 1), "df"],
  ["StudentT scale", () => StudentT(3, 0, -1), "scale"],
  ["Cauchy", () => Cauchy(0, -1), "scale"],
  ["HalfCauchy", () => HalfCauchy(0), "scale"],
  ["Laplace", () => Laplace(0, -3), "scale"],
  ["Logistic", () => Logistic(0, 0), "scale"],
  ["Uniform low >= high", () => Uniform(2, 1), "low"],
  ["Beta concentration1", () => Beta(-1, 1), "concentration1"],
  ["Beta concentration0", () => Beta(1, 0), "concentration0"],
  ["Gamma concentration", () => Gamma(0, 1), "concentration"],
  ["Gamma rate", () => Gamma(1, -1), "rate"],
  ["InverseGamma rate", () => InverseGamma(1, 0), "rate"],
  ["Chi2", () => Chi2(-1), "df"],
  ["Exponential", () => Exponential(0), "rate"],
  ["Weibull scale", () => Weibull(0, 1), "scale"],
  ["Weibull concentration", () => Weibull(1, -1), "concentration"],
  ["Pareto alpha", () => Pareto(1, 0), "alpha"],
  ["VonMises concentration", () => VonMises(0, -1), "concentration"],
  ["TruncatedNormal scale", () => TruncatedNormal(0, 0, { low: 0 }), "scale"],
  ["TruncatedNormal low >= high", () => TruncatedNormal(0, 1, { low: 1, high: 1 }), "low"],
];

describe("invalid parameters", () => {
  it.each(INVALID)("%s throws a DistributionError naming the parameter", (_l, make, param) => {
    let err: unknown;
    try {
      make();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DistributionError);
    const de = err as DistributionError;
    expect(de._tag).toBe("DistributionError");
    expect(de.parameter).toBe(param);
    expect(de.message).toContain(param);
  });

  it("NaN parameters are allowed and propagate", () => {
    expect(Number.isNaN(Normal(0, Number.NaN).logProb(0).item())).toBe(true);
    expect(Number.isNaN(Gamma(Number.NaN, 1).logProb(1).item())).toBe(true);
    expect(Number.isNaN(Uniform(0, Number.NaN).logProb(0.5).item())).toBe(true);
  });

  it("validate: false skips the checks", () => {
    expect(() => Normal(0, -1, { validate: false })).not.toThrow();
  });

  it("parameters traced by compile are not inspected", () => {
    const f = (s: Tensor) => sum(Normal(0, s).logProb(tensor([0.1, 0.2])));
    const c = compile(f, [1]);
    expect(c.value(2).item()).toBeCloseTo(f(tensor(2)).item(), 12);
  });
});

describe("reparameterised sampling (pathwise gradients)", () => {
  // d/dθ E[f(x)] estimated by grad of mean f(sample) vs central FD of the same estimator
  // with the same key: the estimator is a smooth function of θ, so they agree to FD error.
  const cases: [string, (p: Tensor[]) => Distribution, number[]][] = [
    ["Normal", ([a, b]) => Normal(a, b), [0.3, 1.7]],
    ["LogNormal", ([a, b]) => LogNormal(a, b), [-0.2, 0.5]],
    ["Uniform", ([a, b]) => Uniform(a, b), [-1, 2.5]],
  ];
  it.each(cases)("%s", (_n, make, ps) => {
    const k = key(77);
    const estimator = (...p: Tensor[]) => mean(sin(make(p).sample(k, [2000])));
    expect(make(ps.map((p) => tensor(p))).hasRsample).toBe(true);
    const g = grad(estimator)(...ps).map((t) => t.item());
    ps.forEach((p, j) => {
      const h = 1e-6;
      const at = (v: number) => estimator(...ps.map((q, i) => tensor(i === j ? v : q))).item();
      const fd = (at(p + h) - at(p - h)) / (2 * h);
      expect(Math.abs(g[j] - fd)).toBeLessThan(1e-7);
      expect(Math.abs(g[j])).toBeGreaterThan(1e-3);
    });
  });

  it("Gamma-based samplers are marked non-reparameterised", () => {
    for (const d of [
      Gamma(2, 1),
      Beta(2, 3),
      Chi2(3),
      StudentT(4),
      InverseGamma(3, 1),
      VonMises(0, 1),
    ]) {
      expect(d.hasRsample).toBe(false);
    }
  });
});

describe("ImproperUniform", () => {
  it("is 0 inside the support, -Infinity outside, with the batch shape", () => {
    const d = ImproperUniform(positive, [3]);
    expect(Array.from(d.logProb(tensor([1, -1, 2])).toArray())).toEqual([
      0,
      Number.NEGATIVE_INFINITY,
      0,
    ]);
    expect(d.logProb(1).shape).toEqual([3]);
    expect(
      Array.from(
        ImproperUniform(real, [], [2])
          .logProb(tensor([[1, 2]]))
          .toArray(),
      ),
    ).toEqual([0]);
  });
  it("throws a DistributionError when sampled", () => {
    expect(() => ImproperUniform(real).sample(key(0))).toThrow(DistributionError);
  });
});

describe("compile", () => {
  it("a model using Normal and Gamma logProb compiles and agrees with eager", () => {
    const y = tensor([0.3, -0.8, 1.9, 0.4, 1.1]);
    // mu ~ Normal(0, 3), sigma ~ Gamma(2, 1.5) (as exp(logSigma) with Jacobian), y ~ Normal(mu, sigma)
    const model = (mu: Tensor, logSigma: Tensor) => {
      const sigma = exp(logSigma);
      const prior = add(Normal(0, 3).logProb(mu), add(Gamma(2, 1.5).logProb(sigma), logSigma));
      return add(sum(Normal(mu, sigma).logProb(y)), sum(prior));
    };
    const c = compile(model, [0, 0]);
    for (const [mu, ls] of [
      [0.2, -0.3],
      [1.5, 0.8],
      [-2, 0.1],
    ]) {
      const [v, [gm, gs]] = valueAndGrad(model)(mu, ls);
      const out = [new Float64Array(1), new Float64Array(1)];
      const cv = c.valueAndGrad([mu, ls], out);
      expect(Math.abs(cv - v.item())).toBeLessThan(1e-12 * Math.max(1, Math.abs(v.item())));
      expect(Math.abs(out[0][0] - gm.item())).toBeLessThan(1e-12);
      expect(Math.abs(out[1][0] - gs.item())).toBeLessThan(1e-12);
    }
  });

  it("a truncated normal and a von Mises logProb compile too", () => {
    const f = (m: Tensor, k: Tensor) =>
      add(
        sum(TruncatedNormal(m, 1, { low: 0 }).logProb(tensor([0.5, 2]))),
        sum(VonMises(m, exp(k)).logProb(tensor([0.1, -0.4]))),
      );
    const c = compile(f, [0.3, 0.2]);
    expect(Math.abs(c.value(0.7, -0.5).item() - f(tensor(0.7), tensor(-0.5)).item())).toBeLessThan(
      1e-12,
    );
  });
});
