import { foldIn, key, split } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  buildHMCKernel,
  buildNUTSKernel,
  type HMCState,
  initState,
  nuts,
  sampleChain,
} from "../../src/mcmc/index.js";
import { mergeCheck, mergeCheckDiagonal } from "../../src/mcmc/nutsTree.js";
import { conjugateNormal } from "./fixtures/conjugateNormal.js";
import {
  column,
  covariance,
  denseGaussian,
  diagGaussian,
  mean,
  variance,
  zScores,
} from "./helpers.js";

// All statistical checks use fixed keys. Mean checks: |x̄ − μ| < 4 MCSE with
// MCSE = sd/√ESS_bulk (a 4σ band: with the fixed keys the checks are deterministic, and a
// correct sampler would fail one only with probability ~6e-5 per check). Variance checks:
// |s² − σ²| < 4·σ²·√(2/ESS_sd) (normal fourth moment).

describe("NUTS on a 5-D standard normal", () => {
  test("means within 4 MCSE of 0, variances within 4 MCSE of 1", () => {
    const d = 5;
    const pot = diagGaussian(new Float64Array(d).fill(1));
    const res = sampleChain(pot, Float64Array.of(3, -3, 1, 0.5, -2), {
      numWarmup: 500,
      numSamples: 2000,
      key: key(1),
    });
    const zs = [];
    for (let j = 0; j < d; j++) {
      const z = zScores(column(res.draws, d, j), 0, 1);
      zs.push(z);
      expect(Math.abs(z.zMean)).toBeLessThan(4);
      expect(Math.abs(z.zVar)).toBeLessThan(4);
    }
    expect(res.stats.diverging.reduce((a, b) => a + b, 0)).toBe(0);
    console.log(
      "5-D normal:",
      zs.map(
        (z) => `zMean=${z.zMean.toFixed(2)} zVar=${z.zVar.toFixed(2)} ess=${z.ess.toFixed(0)}`,
      ),
      "step",
      res.adapted.stepSize,
      "meanAccept",
      mean(res.stats.acceptanceRate),
    );
  });
});

describe("NUTS with dense mass adaptation on a correlated 2-D Gaussian (ρ = 0.9)", () => {
  test("recovers the covariance", () => {
    const s1 = 1;
    const s2 = 2;
    const rho = 0.9;
    const cov = [s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2];
    const det = cov[0] * cov[3] - cov[1] * cov[2];
    const prec = [cov[3] / det, -cov[1] / det, -cov[2] / det, cov[0] / det];
    const pot = denseGaussian(prec, [1, -1]);
    const res = sampleChain(pot, Float64Array.of(0, 0), {
      numWarmup: 1000,
      numSamples: 2000,
      denseMass: true,
      key: key(2),
    });
    const inv = res.adapted.inverseMassMatrix;
    expect(inv.length).toBe(4);
    console.log("dense 2-D: adapted M⁻¹", [...inv], "step", res.adapted.stepSize);
    // The last slow window has 500 draws; each covariance entry's relative sd is ~√(2/500) ≈ 6 %
    // (for the off-diagonal, √((1+ρ²)/500)/ρ ≈ 7 %), so 20 % is ≥ 3 sd.
    for (let i = 0; i < 4; i++) expect(Math.abs(inv[i] / cov[i] - 1)).toBeLessThan(0.2);
    const x = column(res.draws, 2, 0);
    const y = column(res.draws, 2, 1);
    const zx = zScores(x, 1, cov[0]);
    const zy = zScores(y, -1, cov[3]);
    for (const z of [zx, zy]) {
      expect(Math.abs(z.zMean)).toBeLessThan(4);
      expect(Math.abs(z.zVar)).toBeLessThan(4);
    }
    const r = covariance(x, y) / Math.sqrt(variance(x) * variance(y));
    // sd of a sample correlation ≈ (1 − ρ²)/√ESS ≈ 0.19/√1000 ≈ 0.006; allow 0.03.
    expect(Math.abs(r - rho)).toBeLessThan(0.03);
    // With M⁻¹ ≈ Σ the target is isotropic in the metric: short trees, O(1) step.
    expect(res.adapted.stepSize).toBeGreaterThan(0.5);
    console.log(
      "dense 2-D: r",
      r,
      zx,
      zy,
      "mean depth",
      mean(Float64Array.from(res.stats.treeDepth)),
    );
  });
});

describe("NUTS with diagonal adaptation on a 100-D ill-conditioned Gaussian", () => {
  test("recovers variances (scales 0.01..100 log-spaced) and an O(1) step size", () => {
    // Expectations. (1) The adapted M⁻¹ estimates σᵢ² from the last slow window (500 draws):
    // relative sd √(2/ESS) ≈ 6–9 % per coordinate, plus Stan's regulariser bias
    // 1e-3·(5/505)/σᵢ², which is +9.9 % for σ = 0.01 and < 1 % for σ > 0.033. So the RMS
    // relative error should be ≈ 10 % and the worst of 100 coordinates ≈ 25–30 %.
    // (2) With M⁻¹ ≈ diag(σ²) the target is ≈ isotropic in the metric, and for a d-dim
    // standard normal the leapfrog energy error grows as d·ε⁴, so the step for accept ≈ 0.8 is
    // ≈ 1.2·d^{-1/4} ≈ 0.4 for d = 100 — O(1), i.e. ~40× the stability limit 2σ_min = 0.02
    // of the unadapted metric. Measured: 0.398.
    const d = 100;
    const scales = new Float64Array(d);
    for (let i = 0; i < d; i++) scales[i] = 10 ** (-2 + (4 * i) / (d - 1));
    const pot = diagGaussian(scales);
    const res = sampleChain(pot, new Float64Array(d).fill(0.5), {
      numWarmup: 1000,
      numSamples: 1000,
      key: key(3),
    });
    const inv = res.adapted.inverseMassMatrix;
    let sumSqInv = 0;
    let sumSqVar = 0;
    let maxInvErr = 0;
    for (let i = 0; i < d; i++) {
      const v = scales[i] ** 2;
      const e = inv[i] / v - 1;
      sumSqInv += e * e;
      maxInvErr = Math.max(maxInvErr, Math.abs(e));
      const x = column(res.draws, d, i);
      sumSqVar += (variance(x) / v - 1) ** 2;
      const z = zScores(x, 0, v);
      // 100 coordinates: allow 4.5 MCSE (two-sided p ≈ 7e-6 each).
      expect(Math.abs(z.zMean)).toBeLessThan(4.5);
      expect(Math.abs(z.zVar)).toBeLessThan(4.5);
    }
    const rmsInv = Math.sqrt(sumSqInv / d);
    const rmsVar = Math.sqrt(sumSqVar / d);
    expect(rmsInv).toBeLessThan(0.12);
    // worst of 100 measured over keys 3–8: 0.22–0.39 (RMS 0.10–0.11) with Stan's warmup
    expect(maxInvErr).toBeLessThan(0.45);
    expect(rmsVar).toBeLessThan(0.1);
    expect(res.adapted.stepSize).toBeGreaterThan(0.2);
    expect(res.adapted.stepSize).toBeLessThan(1);
    const meanDepth = mean(Float64Array.from(res.stats.treeDepth));
    expect(meanDepth).toBeLessThan(5);
    console.log(
      `100-D: step ${res.adapted.stepSize.toFixed(3)}, RMS |M⁻¹/σ² − 1| ${rmsInv.toFixed(3)} (max ${maxInvErr.toFixed(3)}), RMS |s²/σ² − 1| ${rmsVar.toFixed(3)}, mean depth ${meanDepth.toFixed(2)}, accept ${mean(res.stats.acceptanceRate).toFixed(3)}`,
    );
  });
});

describe("NUTS on a skewed target: x = log y, y ~ Gamma(3, 1)", () => {
  test("mean digamma(3) and variance trigamma(3) within 4 MCSE", () => {
    // U(x) = −(a x − eˣ); reference moments from scipy (fixtures/log_gamma_moments.py).
    const a = 3;
    const pot = (q: Float64Array, g: Float64Array) => {
      const ex = Math.exp(q[0]);
      g[0] = ex - a;
      return ex - a * q[0];
    };
    const res = sampleChain(pot, Float64Array.of(0), {
      numWarmup: 500,
      numSamples: 4000,
      key: key(5),
    });
    const z = zScores(res.draws, 0.9227843350984671, 0.39493406684822646);
    expect(Math.abs(z.zMean)).toBeLessThan(4);
    expect(Math.abs(z.zVar)).toBeLessThan(4);
  });
});

describe("NUTS on a conjugate normal-normal model (exact posterior)", () => {
  test("posterior means and variances within 4 MCSE of the closed form", () => {
    const { y, postMean, postCov, priorMean, priorPrecision, likelihoodPrecision } =
      conjugateNormal;
    const d = 3;
    // U(θ) = ½(θ−m0)ᵀP0(θ−m0) + ½ Σ_i (y_i−θ)ᵀ P (y_i−θ).
    const r = new Float64Array(d);
    const pot = (q: Float64Array, g: Float64Array): number => {
      let u = 0;
      g.fill(0);
      const add = (center: readonly number[], prec: readonly number[]) => {
        for (let i = 0; i < d; i++) r[i] = q[i] - center[i];
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += prec[i * d + j] * r[j];
          g[i] += s;
          u += 0.5 * r[i] * s;
        }
      };
      add(priorMean, priorPrecision);
      for (const yi of y) add(yi, likelihoodPrecision);
      return u;
    };
    const res = sampleChain(pot, Float64Array.of(0, 0, 0), {
      numWarmup: 500,
      numSamples: 2000,
      key: key(4),
    });
    for (let j = 0; j < d; j++) {
      const z = zScores(column(res.draws, d, j), postMean[j], postCov[j * d + j]);
      expect(Math.abs(z.zMean)).toBeLessThan(4);
      expect(Math.abs(z.zVar)).toBeLessThan(4);
    }
  });
});

describe("dual averaging inside the sampler", () => {
  test("the mean acceptance statistic over a long step-size adaptation converges to the target", () => {
    // With the metric fixed (adaptMassMatrix: false), dual averaging drives the running mean of
    // δ − α to 0 at rate O(t^{-1/2}): the warmup mean acceptance must be close to δ. The
    // post-warmup mean at exp(log ε̄) is typically a little higher (as in Stan).
    const pot = diagGaussian([1, 2, 0.5, 1, 3, 1, 1, 0.7]);
    const inv = Float64Array.of(1, 4, 0.25, 1, 9, 1, 1, 0.49);
    for (const [targetAccept, seed] of [
      [0.8, 6],
      [0.95, 7],
    ]) {
      const res = sampleChain(pot, new Float64Array(8), {
        numWarmup: 1500,
        numSamples: 500,
        targetAccept,
        adaptMassMatrix: false,
        initialInverseMassMatrix: inv,
        key: key(seed),
      });
      const warm = res.warmupStats?.acceptanceRate ?? new Float64Array(0);
      const late = warm.subarray(500);
      expect(Math.abs(mean(late) - targetAccept)).toBeLessThan(0.02);
      expect(mean(res.stats.acceptanceRate)).toBeGreaterThan(targetAccept - 0.05);
      console.log(
        `δ=${targetAccept}: warmup mean accept ${mean(late).toFixed(3)}, sampling ${mean(res.stats.acceptanceRate).toFixed(3)}, ε=${res.adapted.stepSize.toFixed(3)}`,
      );
    }
  });
});

describe("reproducibility and kernel contracts", () => {
  const pot = diagGaussian([1, 0.3, 5]);

  test("same key ⇒ bit-identical run; different key ⇒ different draws", () => {
    const opts = { numWarmup: 150, numSamples: 200 };
    const a = sampleChain(pot, Float64Array.of(1, 1, 1), { ...opts, key: key(42) });
    const b = sampleChain(pot, Float64Array.of(1, 1, 1), { ...opts, key: key(42) });
    const c = sampleChain(pot, Float64Array.of(1, 1, 1), { ...opts, key: key(43) });
    expect(Buffer.from(a.draws.buffer).equals(Buffer.from(b.draws.buffer))).toBe(true);
    expect(a.stats).toEqual(b.stats);
    expect(a.adapted).toEqual(b.adapted);
    expect(a.draws).not.toEqual(c.draws);
  });

  test("one kernel reused across step sizes and metric kinds gives the transitions of fresh kernels", () => {
    // The workspace carries state between leaves (a diagonal-metric end holds its next drift,
    // and position slots change hands with proposals); none of it may leak into the next
    // transition, whatever metric that one uses.
    const d = 6;
    const skewed = (q: Float64Array, g: Float64Array) => {
      let u = 0;
      for (let i = 0; i < d; i++) {
        u += Math.exp(q[i]) - 2 * q[i] + 0.05 * q[i] ** 4;
        g[i] = Math.exp(q[i]) - 2 + 0.2 * q[i] ** 3;
      }
      return u;
    };
    const diag = (s: number) => Float64Array.from({ length: d }, (_, i) => s * (1 + i / 3));
    const dense = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) dense[i * d + j] = i === j ? 1.5 : 0.2 / (1 + Math.abs(i - j));
    const plan = [
      { stepSize: 0.3, inverseMassMatrix: diag(1) },
      { stepSize: 0.05, inverseMassMatrix: diag(1) },
      { stepSize: 0.2, inverseMassMatrix: dense },
      { stepSize: 0.1, inverseMassMatrix: diag(0.5) },
      { stepSize: 0.4, inverseMassMatrix: dense },
      { stepSize: 0.02, inverseMassMatrix: diag(2) },
    ];
    const shared = buildNUTSKernel({ potential: skewed });
    let state = initState(new Float64Array(d).fill(0.4), skewed);
    let depths = 0;
    for (let round = 0; round < 3; round++) {
      plan.forEach((params, i) => {
        const k = foldIn(key(21), 10 * round + i);
        const [a, infoA] = shared.step(k, state, params);
        const [b, infoB] = buildNUTSKernel({ potential: skewed }).step(k, state, params);
        expect([...a.position]).toEqual([...b.position]);
        expect([...a.potentialGrad]).toEqual([...b.potentialGrad]);
        expect(infoA).toEqual(infoB);
        depths += infoA.treeDepth;
        state = a;
      });
    }
    // the plan exercises deep trees (junction checks at several levels), not only short ones
    expect(depths / (3 * plan.length)).toBeGreaterThan(3);
  });

  test("NUTS step: pure in (key, state, params), never mutates its input", () => {
    const kernel = buildNUTSKernel({ potential: pot });
    const state = nuts.init(Float64Array.of(0.2, -0.1, 3), pot);
    const snapshot = [...state.position, ...state.potentialGrad];
    const params = { stepSize: 0.3, inverseMassMatrix: Float64Array.of(1, 0.09, 25) };
    const [k1, k2] = split(key(9), 2);
    const [s1, i1] = kernel.step(k1, state, params);
    kernel.step(k2, s1, params);
    const [s1b, i1b] = kernel.step(k1, state, params);
    expect(s1b).toEqual(s1);
    expect(i1b).toEqual(i1);
    expect([...state.position, ...state.potentialGrad]).toEqual(snapshot);
    // A fresh kernel gives the same transition (no hidden state).
    const [s1c] = buildNUTSKernel({ potential: pot }).step(k1, state, params);
    expect(s1c).toEqual(s1);
    // Returned gradient and energy are consistent with the returned position.
    const g = new Float64Array(3);
    expect(pot(s1.position.slice(), g)).toBe(s1.potentialEnergy);
    expect([...g]).toEqual([...s1.potentialGrad]);
    expect(i1.numSteps).toBeGreaterThanOrEqual(2 ** i1.treeDepth - 1);
    expect(i1.numSteps).toBeLessThanOrEqual(2 ** (i1.treeDepth + 1) - 1);
    // stepInto with out === state gives the same result.
    const mutable = {
      position: state.position.slice(),
      potentialEnergy: state.potentialEnergy,
      potentialGrad: state.potentialGrad.slice(),
    };
    const info = { acceptanceRate: 0, isDivergent: false, energy: 0, numSteps: 0, treeDepth: 0 };
    kernel.stepInto(k1, mutable, params, mutable, info);
    expect(mutable).toEqual(s1);
  });

  test("maxTreeDepth caps the trajectory at 2^depth − 1 steps", () => {
    const kernel = buildNUTSKernel({ potential: pot, maxTreeDepth: 3 });
    const state = initState(Float64Array.of(0, 0, 0), pot);
    // A tiny step never U-turns within 7 steps.
    const [, info] = kernel.step(key(1), state, {
      stepSize: 1e-3,
      inverseMassMatrix: Float64Array.of(1, 1, 1),
    });
    expect(info.treeDepth).toBe(3);
    expect(info.numSteps).toBe(7);
    expect(info.acceptanceRate).toBeGreaterThan(0.999);
  });

  test("a huge step size diverges; errors are tagged", () => {
    const kernel = buildNUTSKernel({ potential: pot });
    const state = initState(Float64Array.of(0, 0, 0), pot);
    const [s, info] = kernel.step(key(2), state, {
      stepSize: 50,
      inverseMassMatrix: Float64Array.of(1, 1, 1),
    });
    expect(info.isDivergent).toBe(true);
    expect(info.acceptanceRate).toBeLessThan(1e-6);
    expect([...s.position]).toEqual([0, 0, 0]);
    expect(() =>
      kernel.step(key(2), state, { stepSize: 0, inverseMassMatrix: Float64Array.of(1, 1, 1) }),
    ).toThrow(expect.objectContaining({ _tag: "McmcParameterError" }));
    expect(() =>
      kernel.step(key(2), state, { stepSize: 0.1, inverseMassMatrix: Float64Array.of(1, 1) }),
    ).toThrow(expect.objectContaining({ _tag: "McmcShapeError" }));
    expect(() => buildNUTSKernel({ potential: pot, maxTreeDepth: 0 })).toThrow(
      expect.objectContaining({ _tag: "McmcParameterError" }),
    );
    expect(() => initState(Float64Array.of(Number.NaN, 0, 0), pot)).toThrow(
      expect.objectContaining({ _tag: "McmcValueError" }),
    );
    expect(() =>
      sampleChain(pot, Float64Array.of(0, 0, 0), { numWarmup: -1, numSamples: 1, key: key(0) }),
    ).toThrow(expect.objectContaining({ _tag: "McmcParameterError" }));
  });
});

describe("U-turn checks with a diagonal metric", () => {
  test("mergeCheckDiagonal (velocities formed from momenta) equals mergeCheck on stored m ∘ p", () => {
    // Slots: 0 m, 1 pBeg, 2 pEnd, 3 pAEnd, 4 pBBeg, 5 rhoA, 6 rhoB, 7-10 their velocities,
    // 11 rho out. Momentum sums drawn near the boundary so that every one of the six sums
    // changes sign across cases.
    const d = 37;
    const a = new Float64Array(13 * d);
    const at = (slot: number) => slot * d;
    let u = 12345;
    const rand = () => {
      u = (u * 1103515245 + 12345) % 2 ** 31;
      return u / 2 ** 31 - 0.5;
    };
    const outcomes = new Set<string>();
    for (let c = 0; c < 400; c++) {
      for (let i = 0; i < d; i++) {
        a[at(0) + i] = Math.exp(3 * rand());
        for (const slot of [1, 2, 3, 4]) a[at(slot) + i] = rand() + 0.15 * (c % 3);
        a[at(5) + i] = rand() + 0.1;
        a[at(6) + i] = rand() - 0.05 * (c % 2);
      }
      for (const [v, p] of [
        [7, 1],
        [8, 2],
        [9, 3],
        [10, 4],
      ])
        for (let i = 0; i < d; i++) a[at(v) + i] = a[at(0) + i] * a[at(p) + i];
      const plain = mergeCheck(
        a,
        d,
        at(7),
        at(8),
        at(11),
        at(5),
        at(6),
        at(3),
        at(9),
        at(4),
        at(10),
        true,
      );
      const rhoPlain = a.slice(at(11), at(12));
      a.fill(Number.NaN, at(11), at(12));
      const diag = mergeCheckDiagonal(
        a,
        d,
        at(0),
        at(1),
        at(2),
        at(11),
        at(5),
        at(6),
        at(3),
        at(4),
      );
      expect(diag).toBe(plain);
      expect([...a.slice(at(11), at(12))]).toEqual([...rhoPlain]);
      outcomes.add(String(plain));
    }
    expect(outcomes).toEqual(new Set(["true", "false"]));
  });
});

describe("static HMC kernel", () => {
  test("samples a correlated Gaussian with a dense metric (4 MCSE)", () => {
    const cov = [1, 0.8, 0.8, 2];
    const det = cov[0] * cov[3] - cov[1] * cov[2];
    const prec = [cov[3] / det, -cov[1] / det, -cov[2] / det, cov[0] / det];
    const pot = denseGaussian(prec, [0.5, -0.5]);
    const kernel = buildHMCKernel({ potential: pot, numSteps: 7 });
    const params = { stepSize: 0.3, inverseMassMatrix: Float64Array.from(cov) };
    let state: HMCState = initState(Float64Array.of(0, 0), pot);
    const n = 3000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let acc = 0;
    const base = key(8);
    for (let i = 0; i < n; i++) {
      const [s, info] = kernel.step(foldIn(base, i), state, params);
      state = s;
      acc += info.acceptanceRate;
      expect(info.numSteps).toBe(7);
      xs[i] = s.position[0];
      ys[i] = s.position[1];
    }
    for (const [x, m, v] of [
      [xs, 0.5, 1],
      [ys, -0.5, 2],
    ] as const) {
      const z = zScores(x, m, v);
      expect(Math.abs(z.zMean)).toBeLessThan(4);
      expect(Math.abs(z.zVar)).toBeLessThan(4);
    }
    expect(acc / n).toBeGreaterThan(0.9);
  });
});

describe("sampleChain options", () => {
  const pot = diagGaussian([1, 2]);

  test("thinning keeps every k-th transition of the same chain; progress is reported", () => {
    const progress: string[] = [];
    const base = { numWarmup: 30, key: key(12), progressInterval: 20 };
    const full = sampleChain(pot, Float64Array.of(0, 0), { ...base, numSamples: 60 });
    const thin = sampleChain(pot, Float64Array.of(0, 0), {
      ...base,
      numSamples: 20,
      thinning: 3,
      onProgress: (p) => progress.push(`${p.phase}:${p.iteration}/${p.total}`),
    });
    expect(thin.draws.length).toBe(40);
    for (let i = 0; i < 20; i++) {
      expect(thin.draws[2 * i]).toBe(full.draws[2 * (3 * i + 2)]);
      expect(thin.stats.numSteps[i]).toBe(full.stats.numSteps[3 * i + 2]);
    }
    expect(progress).toEqual([
      "warmup:20/30",
      "warmup:30/30",
      "sampling:20/60",
      "sampling:40/60",
      "sampling:60/60",
    ]);
    expect(thin.warmupStats?.stepSize.length).toBe(30);
    const lp = thin.stats.lp;
    for (let i = 0; i < 20; i++) expect(lp[i]).toBe(-thin.stats.potentialEnergy[i]);
  });

  test("short and empty warmups: step size adapted, metric kept", () => {
    const short = sampleChain(pot, Float64Array.of(0, 0), {
      numWarmup: 15,
      numSamples: 10,
      key: key(13),
    });
    expect([...short.adapted.inverseMassMatrix]).toEqual([1, 1]);
    expect(short.adapted.stepSize).toBeGreaterThan(0);
    const none = sampleChain(pot, Float64Array.of(0, 0), {
      numWarmup: 0,
      numSamples: 10,
      key: key(13),
      denseMass: true,
    });
    expect(none.warmupStats).toBeUndefined();
    expect([...none.adapted.inverseMassMatrix]).toEqual([1, 0, 0, 1]);
    expect(none.stats.stepSize.every((e) => e === none.adapted.stepSize)).toBe(true);
  });
});
