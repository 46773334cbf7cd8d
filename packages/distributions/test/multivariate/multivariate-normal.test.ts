/**
 * MultivariateNormal and LowRankMultivariateNormal: logProb against
 * scipy.stats.multivariate_normal (fixtures/generate.py), Monte Carlo normalisation,
 * sample moments (fixed keys, 5 standard errors), gradients against central differences,
 * validation, and compilation with traced parameters.
 *
 * Tolerances: 1e-12 relative for the covariance / scaleTril forms (Cholesky + triangular
 * solve of a well-conditioned 3×3, condition number ≈ 10); 1e-11 for the precision form,
 * which goes through an extra factorisation and triangular inverse.
 */
import {
  compile,
  exp,
  grad,
  matmul,
  matrixTranspose,
  mean,
  mul,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { DistributionError } from "../../src/errors.js";
import { LowRankMultivariateNormal, MultivariateNormal } from "../../src/multivariate/index.js";
import { key } from "../../src/random/index.js";
import { ref } from "./fixtures/reference.js";
import { expectRel, finiteDiff, flat, moments } from "./helpers.js";

const { mvn, mvnBatch, lowRank } = ref;
const cov = tensor(flat(mvn.cov), [3, 3]);
const loc = tensor(mvn.loc);
const xs = tensor(flat(mvn.x), [5, 3]);

describe("MultivariateNormal", () => {
  it("logProb matches scipy for covariance, scaleTril and precision forms", () => {
    expectRel(MultivariateNormal(loc, { covarianceMatrix: cov }).logProb(xs), mvn.logpdf, 1e-12);
    const lt = tensor(flat(mvn.scaleTril), [3, 3]);
    expectRel(MultivariateNormal(loc, { scaleTril: lt }).logProb(xs), mvn.logpdf, 1e-12);
    const p = tensor(flat(mvn.prec), [3, 3]);
    expectRel(MultivariateNormal(loc, { precisionMatrix: p }).logProb(xs), mvn.logpdf, 1e-11);
    expectRel(
      [MultivariateNormal(loc, { covarianceMatrix: cov }).entropy().item()],
      [mvn.entropy],
      1e-13,
    );
  });

  it("broadcasts batched loc and covariance", () => {
    const d = MultivariateNormal(tensor(flat(mvnBatch.loc), [2, 3]), {
      covarianceMatrix: tensor(flat(mvnBatch.cov), [2, 3, 3]),
    });
    expect(d.batchShape).toEqual([2]);
    expect(d.eventShape).toEqual([3]);
    const lp = d.logProb(tensor(mvnBatch.x));
    expect(lp.shape).toEqual([2]);
    expectRel(lp, mvnBatch.logpdf, 1e-12);
    // sample dims in front of a batch
    const v = d.logProb(
      tensor([...mvnBatch.x, ...mvnBatch.x, ...mvnBatch.x, ...mvnBatch.x], [2, 2, 3]),
    );
    expect(v.shape).toEqual([2, 2]);
    expectRel(v, [...mvnBatch.logpdf, ...mvnBatch.logpdf], 1e-12);
    // batched loc, single covariance
    const e = MultivariateNormal(tensor(flat(mvnBatch.loc), [2, 3]), { covarianceMatrix: cov });
    expect(e.batchShape).toEqual([2]);
    expect(d.covarianceMatrix.shape).toEqual([2, 3, 3]);
  });

  it("integrates to 1 (importance sampling from a wider normal, 5 standard errors)", () => {
    const p = MultivariateNormal(loc, { covarianceMatrix: cov });
    const q = MultivariateNormal(loc, { covarianceMatrix: mul(cov, 2) });
    const n = 20000;
    const x = q.sample(key(1), [n]);
    const w = exp(sub(p.logProb(x), q.logProb(x))).toArray();
    const { mean: m, variance: v } = moments(w, n);
    expect(Math.abs(m[0] - 1)).toBeLessThanOrEqual(5 * Math.sqrt(v[0] / n));
  });

  it("samples have mean loc and covariance Σ (5 standard errors)", () => {
    const d = MultivariateNormal(loc, { covarianceMatrix: cov });
    const n = 20000;
    const x = d.sample(key(2), [n]);
    expect(x.shape).toEqual([n, 3]);
    const xa = x.toArray();
    const { mean: m } = moments(xa, n);
    const c = cov.toArray();
    for (let i = 0; i < 3; i++)
      expect(Math.abs(m[i] - mvn.loc[i])).toBeLessThanOrEqual(5 * Math.sqrt(c[i * 4] / n));
    const centred = sub(x, tensor(m));
    const s = mul(matmul(matrixTranspose(centred), centred), 1 / (n - 1)).toArray();
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const se = Math.sqrt((c[i * 3 + i] * c[j * 3 + j] + c[i * 3 + j] ** 2) / n);
        expect(Math.abs(s[i * 3 + j] - c[i * 3 + j])).toBeLessThanOrEqual(5 * se);
      }
    expectRel(d.variance, [c[0], c[4], c[8]], 1e-14);
  });

  it("gradients in loc and scaleTril match central differences", () => {
    const lt0 = flat(mvn.scaleTril);
    const x = tensor(flat(mvn.x).slice(6, 9));
    const f = (l: Tensor, s: Tensor) => MultivariateNormal(l, { scaleTril: s }).logProb(x);
    const [gl, gs] = grad(f)(loc, tensor(lt0, [3, 3]));
    const fdLoc = finiteDiff((v) => f(tensor(v), tensor(lt0, [3, 3])).item(), mvn.loc);
    expectRel(gl, fdLoc, 1e-7);
    const lower = [0, 3, 4, 6, 7, 8];
    const fdS = finiteDiff(
      (v) => {
        const full = [...lt0];
        lower.forEach((idx, i) => {
          full[idx] = v[i];
        });
        return f(loc, tensor(full, [3, 3])).item();
      },
      lower.map((i) => lt0[i]),
    );
    const gsa = gs.toArray();
    expectRel(
      lower.map((i) => gsa[i]),
      fdS,
      1e-7,
    );
  });

  it("rejects non-positive-definite covariances and bad scaleTril, naming them", () => {
    const bad = tensor([1, 2, 2, 1], [2, 2]);
    expect(() => MultivariateNormal([0, 0], { covarianceMatrix: bad })).toThrow(DistributionError);
    expect(() => MultivariateNormal([0, 0], { covarianceMatrix: bad })).toThrow(
      /MultivariateNormal.*covarianceMatrix/,
    );
    expect(() =>
      MultivariateNormal([0, 0], {
        scaleTril: [
          [1, 0.5],
          [0, 1],
        ],
      }),
    ).toThrow(/scaleTril/);
    expect(() =>
      MultivariateNormal([0, 0], {
        scaleTril: [
          [-1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/scaleTril/);
    expect(() => MultivariateNormal([0, 0, 0], { covarianceMatrix: bad })).toThrow(/loc.*shape/);
    expectRel(
      MultivariateNormal(0.5, { covarianceMatrix: cov }).logProb(xs),
      MultivariateNormal([0.5, 0.5, 0.5], { covarianceMatrix: cov }).logProb(xs).toArray(),
      0,
    );
    expect(() => MultivariateNormal([0, 0], {} as { scaleTril: number[][] })).toThrow(
      DistributionError,
    );
  });

  it("compiles with a traced covariance (validation skipped) and matches eager values", () => {
    const f = (c: Tensor) => sum(MultivariateNormal(loc, { covarianceMatrix: c }).logProb(xs));
    const comp = compile(f, [cov]);
    const v = (comp.value(cov) as Tensor).item();
    expectRel([v], [mvn.logpdf.reduce((a: number, b: number) => a + b, 0)], 1e-12);
  });
});

describe("LowRankMultivariateNormal", () => {
  const W = tensor(flat(lowRank.W), [5, 2]);
  const D = tensor(lowRank.D);
  const l5 = tensor(lowRank.loc);
  it("logProb (Woodbury) and entropy match scipy with Σ = W Wᵀ + diag(D)", () => {
    const d = LowRankMultivariateNormal(l5, W, D);
    expectRel(d.logProb(tensor(flat(lowRank.x), [3, 5])), lowRank.logpdf, 1e-12);
    expectRel([d.entropy().item()], [lowRank.entropy], 1e-13);
    const full = MultivariateNormal(l5, { covarianceMatrix: d.covarianceMatrix });
    expectRel(
      d.logProb(tensor(flat(lowRank.x), [3, 5])),
      full.logProb(tensor(flat(lowRank.x), [3, 5])).toArray(),
      1e-12,
    );
  });
  it("samples have mean loc and variance diag(Σ)", () => {
    const d = LowRankMultivariateNormal(l5, W, D);
    const n = 20000;
    const { mean: m, variance: v } = moments(d.sample(key(4), [n]).toArray(), n);
    const sig2 = d.variance.toArray();
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(m[i] - lowRank.loc[i])).toBeLessThanOrEqual(5 * Math.sqrt(sig2[i] / n));
      expect(Math.abs(v[i] - sig2[i])).toBeLessThanOrEqual(5 * sig2[i] * Math.sqrt(2 / n));
    }
  });
  it("gradient in covFactor matches central differences; rejects covDiag ≤ 0", () => {
    const x = tensor(flat(lowRank.x).slice(5, 10));
    const f = (w: Tensor) => LowRankMultivariateNormal(l5, w, D).logProb(x);
    const [g] = grad(f)(W);
    expectRel(
      g,
      finiteDiff((v) => f(tensor(v, [5, 2])).item(), W.toArray()),
      1e-7,
    );
    expect(() => LowRankMultivariateNormal(l5, W, tensor([1, 1, 0, 1, 1]))).toThrow(/covDiag/);
    expect(mean(D).item()).toBeGreaterThan(0);
  });
});
