import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { key, Normal } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import { adviStarts } from "../../src/ppl/adviStarts.js";
import { defineModel, mcmc } from "../../src/ppl/index.js";
import { runChain } from "../../src/ppl/runChain.js";
import { runSteps } from "../../src/sliced.js";

// Two independent Gaussians with very different scales: mean-field ADVI is exact for this
// target, so its variances must match the true ones (0.1² and 5²) up to optimisation noise.
const scales = defineModel<null>((m) => {
  m.sample("a", Normal(1, 0.1));
  m.sample("b", Normal(-2, 5));
});
const trueVar = [0.01, 25];
// PyMC's convergence check at 1e-2 stops this fit after ~14 000 iterations (0.15 s)
const advi = { learningRate: 0.05, relTolerance: 1e-2, absTolerance: 1e-2, n: 20_000 } as const;

describe('init: "advi+adapt_diag"', () => {
  test("ADVI starts: one draw per chain, diagonal metric from the ADVI variances", () => {
    const starts = runSteps(adviStarts(scales, null, 3, 7, false, advi));
    expect(starts).toHaveLength(3);
    for (const s of starts) {
      expect(s.initialPosition).toHaveLength(2);
      // ADVI noise at these tolerances: variances within 20 % of the truth
      const v = s.initialInverseMassMatrix ?? new Float64Array();
      for (let j = 0; j < 2; j++) expect(Math.abs(v[j] / trueVar[j] - 1)).toBeLessThan(0.2);
    }
    // the chains start at distinct points, each plausible under the target (within 5 sd)
    expect(starts[0].initialPosition).not.toEqual(starts[1].initialPosition);
    for (const s of starts) {
      const q = s.initialPosition ?? new Float64Array();
      expect(Math.abs(q[0] - 1) / 0.1).toBeLessThan(5);
      expect(Math.abs(q[1] + 2) / 5).toBeLessThan(5);
    }
    const dense = runSteps(adviStarts(scales, null, 1, 7, true, advi))[0].initialInverseMassMatrix;
    const diag = starts[0].initialInverseMassMatrix ?? new Float64Array();
    expect(Array.from(dense ?? [])).toEqual([diag[0], 0, 0, diag[1]]);
  }, 30_000);

  test("without warmup the chains keep the ADVI metric; with warmup they sample the target", () => {
    const starts = runSteps(adviStarts(scales, null, 2, 3, false, advi));
    const frozen = mcmc(scales, null, {
      numWarmup: 0,
      numSamples: 10,
      numChains: 2,
      seed: 3,
      init: "advi+adapt_diag",
      advi,
    });
    for (let c = 0; c < 2; c++)
      expect(Array.from(frozen.adapted[c].inverseMassMatrix)).toEqual(
        Array.from(starts[c].initialInverseMassMatrix ?? []),
      );
    const fit = mcmc(scales, null, {
      numWarmup: 500,
      numSamples: 2000,
      numChains: 2,
      seed: 3,
      init: "advi+adapt_diag",
      advi,
    });
    const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = (xs: Float64Array) => {
      const m = mean(xs);
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    };
    // 4000 draws with ESS well above 1000: the mean within 4 MCSE (4 sd / √1000), sd within 10 %
    const a = fit.samples.a.draws;
    const b = fit.samples.b.draws;
    expect(Math.abs(mean(a) - 1)).toBeLessThan((4 * 0.1) / Math.sqrt(1000));
    expect(Math.abs(mean(b) + 2)).toBeLessThan((4 * 5) / Math.sqrt(1000));
    expect(Math.abs(sd(a) / 0.1 - 1)).toBeLessThan(0.1);
    expect(Math.abs(sd(b) / 5 - 1)).toBeLessThan(0.1);
  }, 30_000);

  test('with warmup "pymc": the ADVI metric for 101 draws, then PyMC\'s running estimate', () => {
    const starts = runSteps(adviStarts(scales, null, 2, 4, false, advi));
    expect(starts[0].initialMean).toHaveLength(2);
    expect(starts[0].initialMetricWeight).toBe(50); // PyMC's initial_weight after ADVI
    const fit = mcmc(scales, null, {
      numWarmup: 400,
      numSamples: 2000,
      numChains: 2,
      seed: 4,
      init: "advi+adapt_diag",
      advi,
      warmup: "pymc",
    });
    // without tuning: PyMC's first step size 0.25 / d^¼ (d = 2, no search) and the ADVI metric
    const untuned = mcmc(scales, null, {
      numWarmup: 0,
      numSamples: 5,
      numChains: 2,
      seed: 4,
      init: "advi+adapt_diag",
      advi,
      warmup: "pymc",
    });
    for (let c = 0; c < 2; c++) {
      expect(untuned.adapted[c].stepSize).toBe(0.25 / 2 ** 0.25);
      expect([...untuned.adapted[c].inverseMassMatrix]).toEqual([
        ...(starts[c].initialInverseMassMatrix ?? []),
      ]);
    }
    for (let c = 0; c < 2; c++) {
      // tuned: the metric of the last window's draws, within 45 % of the true variances
      const v = fit.adapted[c].inverseMassMatrix;
      for (let j = 0; j < 2; j++) expect(Math.abs(v[j] / trueVar[j] - 1)).toBeLessThan(0.45);
    }
    const mean = (xs: Float64Array) => xs.reduce((t, x) => t + x, 0) / xs.length;
    // 4000 draws with ESS well above 1000: the means within 4 MCSE
    expect(Math.abs(mean(fit.samples.a.draws) - 1)).toBeLessThan((4 * 0.1) / Math.sqrt(1000));
    expect(Math.abs(mean(fit.samples.b.draws) + 2)).toBeLessThan((4 * 5) / Math.sqrt(1000));
    expect(() =>
      mcmc(scales, null, { numWarmup: 5, numSamples: 5, warmup: "blackjax" as "stan" }),
    ).toThrow(expect.objectContaining({ _tag: "ModelError", problem: "bad-argument" }));
    expect(() =>
      mcmc(scales, null, { numWarmup: 5, numSamples: 5, warmup: "pymc", denseMass: true }),
    ).toThrow(expect.objectContaining({ _tag: "ModelError", problem: "bad-argument" }));
  }, 30_000);

  test("bad init option and bad prescribed starts are typed errors", () => {
    expect(() =>
      mcmc(scales, null, { numWarmup: 10, numSamples: 10, init: "jitter" as "strategy" }),
    ).toThrow(expect.objectContaining({ _tag: "ModelError", problem: "bad-argument" }));
    const opts = { numWarmup: 5, numSamples: 5 };
    expect(() =>
      runChain(scales, null, key(0), opts, undefined, { initialPosition: new Float64Array(3) }),
    ).toThrow(/3 components; the model has 2/);
    expect(() =>
      runChain(scales, null, key(0), opts, undefined, {
        initialPosition: Float64Array.of(Number.NaN, 0),
      }),
    ).toThrow(expect.objectContaining({ _tag: "InitializationError" }));
  });
});

const distEntry = fileURLToPath(new URL("../../dist/ppl/index.js", import.meta.url));
const fixture = new URL("./fixtures/parallelModel.mjs", import.meta.url);

describe('init: "advi+adapt_diag" with parallel chains', () => {
  test("same draws as sequential, also from a bare model reference", async () => {
    if (!existsSync(distEntry))
      throw new Error(
        `needs the built package: run "npm run build -w @sidereal/autodiff-samplers"`,
      );
    const dist = (await import(distEntry)) as typeof import("../../src/ppl/index.js");
    const { regression } = (await import(fixture.href)) as {
      regression: import("../../src/ppl/index.js").Model<{ x: number[]; y: number[] }>;
    };
    const data = { x: [-1, -0.5, 0, 0.5, 1, 1.5], y: [-1.1, -0.2, 0.4, 0.9, 1.7, 2.4] };
    const opts = {
      numWarmup: 200,
      numSamples: 100,
      numChains: 2,
      seed: 5,
      init: "advi+adapt_diag",
      advi: { learningRate: 0.05, n: 3000 },
    } as const;
    const seq = dist.mcmc(regression, data, opts);
    const par = await dist.mcmc({ module: fixture.href, export: "regression" }, data, {
      ...opts,
      chainMethod: "parallel",
    });
    expect(par.samples.a.draws).toEqual(seq.samples.a.draws);
    expect(par.samples.sigma.draws).toEqual(seq.samples.sigma.draws);
    expect(par.adapted).toEqual(seq.adapted);
  }, 60_000);
});
