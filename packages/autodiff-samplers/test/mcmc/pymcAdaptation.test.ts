import { key } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  type ChainCheckpoint,
  CheckpointLog,
  dualAveraging,
  McmcParameterError,
  McmcShapeError,
  pymcAdaptation,
  type SampleChainOptions,
  sampleChain,
  type WindowAdaptationState,
} from "../../src/mcmc/index.js";
import { initState } from "../../src/mcmc/state.js";
import { column, diagGaussian, mean, variance } from "./helpers.js";

// PyMC's tuning (QuadPotentialDiagAdapt with its defaults: discard 50, window 101, no early
// update) checked against the closed form of what its two estimators hold: after tuning draw
// n > 101 the metric is the biased variance (divide by m) of the draws n₀…n, where
// n₀ = 51 before the second swap and the first draw of the previous window afterwards.
const d = 3;
const pot = diagGaussian([1, 1, 1]);

/** A deterministic, irregular sequence of positions (no sampler involved). */
function positionAt(i: number): Float64Array {
  return Float64Array.of(Math.sin(1.3 * i) * 2 + 0.01 * i, Math.cos(0.7 * i) ** 3, (i % 17) / 5);
}

/** Biased variance of positions `from…to` (inclusive), two-pass. */
function biasedVariance(from: number, to: number): number[] {
  const n = to - from + 1;
  return Array.from({ length: d }, (_, j) => {
    let m = 0;
    for (let i = from; i <= to; i++) m += positionAt(i)[j];
    m /= n;
    let s = 0;
    for (let i = from; i <= to; i++) s += (positionAt(i)[j] - m) ** 2;
    return s / n;
  });
}

/** First draw in PyMC's foreground after `seen` draws (swaps at 101, 202, …). */
function foregroundStart(seen: number): number {
  const k = Math.floor((seen - 1) / 101); // swaps done before draw `seen`
  return k <= 1 ? 51 : 101 * (k - 1) + 1;
}

function replay(
  options: Parameters<typeof pymcAdaptation>[2],
  iterations: number,
  accept: (i: number) => number = () => 0.7,
): WindowAdaptationState[] {
  const adapt = pymcAdaptation(undefined, d, options);
  let a = adapt.init(initState(positionAt(0), pot));
  const states = [a];
  for (let i = 0; i < iterations; i++) {
    a = adapt.update(a, i, initState(positionAt(i), pot), accept(i));
    states.push(a);
  }
  return states;
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, rel: number): void => {
  for (let j = 0; j < b.length; j++)
    expect(Math.abs(a[j] - b[j])).toBeLessThanOrEqual(rel * Math.abs(b[j]));
};

describe("pymcAdaptation: the metric", () => {
  const initial = Float64Array.of(4, 0.25, 9);

  test("the initial variance until draw 101, then the foreground's biased variance", () => {
    const states = replay({ numWarmup: 700, initialInverseMassMatrix: initial }, 700);
    for (let i = 0; i <= 101; i++) expect([...states[i].inverseMassMatrix]).toEqual([...initial]);
    // after the update of draw `seen` (state index seen + 1); 1e-12: Welford vs two-pass
    for (const seen of [102, 150, 202, 203, 250, 303, 304, 404, 699]) {
      close(states[seen + 1].inverseMassMatrix, biasedVariance(foregroundStart(seen), seen), 1e-12);
    }
  });

  test("initial_weight has no effect without early update (PyMC swaps it out at draw 101)", () => {
    const mean0 = Float64Array.of(5, -5, 5);
    const a = replay({ numWarmup: 400, initialInverseMassMatrix: initial, initialWeight: 0 }, 400);
    const b = replay(
      { numWarmup: 400, initialInverseMassMatrix: initial, initialWeight: 50, initialMean: mean0 },
      400,
    );
    for (let i = 0; i < a.length; i++)
      expect([...b[i].inverseMassMatrix]).toEqual([...a[i].inverseMassMatrix]);
  });

  test("with early update the initial mean and variance count as `initialWeight` draws", () => {
    const mean0 = Float64Array.of(1, 0, -1);
    const w = 50;
    const states = replay(
      {
        numWarmup: 100,
        initialInverseMassMatrix: initial,
        initialMean: mean0,
        initialWeight: w,
        earlyUpdate: true,
      },
      101,
    );
    // Chan et al.'s pooled second moment of the pseudo-draws and draws 51…seen.
    for (const seen of [51, 60, 100]) {
      const n = seen - 50;
      const v = biasedVariance(51, seen);
      const expected = v.map((vj, j) => {
        let m = 0;
        for (let i = 51; i <= seen; i++) m += positionAt(i)[j];
        m /= n;
        const m2 = w * initial[j] + n * vj + ((w * n) / (w + n)) * (mean0[j] - m) ** 2;
        return m2 / (w + n);
      });
      close(states[seen + 1].inverseMassMatrix, expected, 1e-12);
    }
    // up to the discard window the foreground holds only the pseudo-draws
    expect([...states[40].inverseMassMatrix]).toEqual([...initial]);
  });

  test("adaptMassMatrix false keeps the initial variance", () => {
    const states = replay(
      { numWarmup: 300, initialInverseMassMatrix: initial, adaptMassMatrix: false },
      300,
    );
    expect([...(states.at(-1)?.inverseMassMatrix ?? [])]).toEqual([...initial]);
  });

  test("variances are clipped to [1e-12, 1e12] as PyMC's", () => {
    const pot1 = diagGaussian([1]);
    const adapt = pymcAdaptation(undefined, 1, { numWarmup: 200 });
    let a = adapt.init(initState(Float64Array.of(0), pot1));
    for (let i = 0; i < 150; i++) a = adapt.update(a, i, initState(Float64Array.of(3), pot1), 0.8);
    expect(a.inverseMassMatrix[0]).toBe(1e-12);
  });
});

describe("pymcAdaptation: the step size", () => {
  test("ε₀ = 0.25 / d^¼ and one dual averaging with μ = log(10 ε₀), never restarted", () => {
    const accept = (i: number): number => 0.5 + 0.45 * Math.sin(i);
    const states = replay({ numWarmup: 500, targetAccept: 0.9 }, 500, accept);
    const eps0 = 0.25 / d ** 0.25;
    expect(states[0].stepSize).toBe(eps0);
    const da = dualAveraging({ targetAccept: 0.9 });
    let s = da.init(eps0);
    expect(s.mu).toBeCloseTo(Math.log(10 * eps0), 15);
    for (let i = 0; i < 500; i++) {
      s = da.update(s, accept(i));
      expect(states[i + 1].stepSize).toBe(Math.exp(s.logStepSize));
    }
    expect(states.every((x) => x.searches === 0)).toBe(true);
  });
});

describe("sampleChain with warmup: pymc", () => {
  const scales = [0.05, 1, 20, 3];
  const target = diagGaussian(scales, [1, -2, 0, 5]);
  const q0 = Float64Array.of(0, 0, 0, 0);
  const base: SampleChainOptions = {
    numWarmup: 600,
    numSamples: 2000,
    key: key(11),
    warmup: "pymc",
  };

  test("adapts to the posterior scales and samples it (4-D Gaussian, scales 0.05…20)", () => {
    const r = sampleChain(target, q0, base);
    // The last window holds ≥ 101 draws: each variance within ±45 % (a χ² with ~100 effective
    // degrees of freedom of autocorrelated draws stays well inside that at this seed).
    scales.forEach((s, j) => {
      expect(r.adapted.inverseMassMatrix[j] / (s * s)).toBeGreaterThan(0.55);
      expect(r.adapted.inverseMassMatrix[j] / (s * s)).toBeLessThan(1.45);
    });
    [1, -2, 0, 5].forEach((m, j) => {
      const x = column(r.draws, 4, j);
      // 5 standard errors of the mean with ≥ 500 effective draws
      expect(Math.abs(mean(x) - m)).toBeLessThan((5 * scales[j]) / Math.sqrt(500));
      expect(variance(x) / scales[j] ** 2).toBeGreaterThan(0.8);
      expect(variance(x) / scales[j] ** 2).toBeLessThan(1.25);
    });
  });

  test("trees of the first 200 warmup iterations stop at depth 8 (PyMC's early_max_treedepth)", () => {
    // a unit metric kept on scales 0.001…100 needs ~1e5 leapfrog steps per orbit: without the
    // cap every tree reaches the maximum depth, 10
    const r = sampleChain(diagGaussian([0.001, 1, 100]), Float64Array.of(0, 0, 0), {
      numWarmup: 210,
      numSamples: 0,
      key: key(3),
      warmup: "pymc",
      adaptMassMatrix: false,
    });
    const depths = r.warmupStats?.treeDepth ?? new Int32Array();
    expect(Math.max(...depths.subarray(0, 200))).toBe(8);
    expect(Math.max(...depths.subarray(200))).toBe(10);
  });

  test("resuming from any checkpoint gives the uninterrupted chain", () => {
    const opts: SampleChainOptions = { ...base, numWarmup: 320, numSamples: 40 };
    const checkpoints: ChainCheckpoint[] = [];
    const full = sampleChain(target, q0, {
      ...opts,
      checkpoint: { due: () => true, emit: (cp) => checkpoints.push(cp) },
    });
    for (const at of [30, 101, 102, 150, 203, 319, 330]) {
      const log = new CheckpointLog();
      for (const cp of checkpoints) {
        log.add(cp);
        if (cp.snapshot.completed === at) break;
      }
      const resume = log.latest();
      expect(resume?.snapshot.completed).toBe(at);
      const resumed = sampleChain(target, q0, { ...opts, ...(resume ? { resume } : {}) });
      expect(resumed.draws).toEqual(full.draws);
      expect(resumed.warmupStats).toEqual(full.warmupStats);
      expect(resumed.adapted).toEqual(full.adapted);
    }
  });

  test("bad combinations are typed errors", () => {
    expect(() => sampleChain(target, q0, { ...base, denseMass: true })).toThrow(McmcParameterError);
    expect(() =>
      sampleChain(target, q0, { ...base, warmup: "stan", initialMean: new Float64Array(4) }),
    ).toThrow(McmcParameterError);
    expect(() =>
      sampleChain(target, q0, { ...base, initialInverseMassMatrix: new Float64Array(16).fill(1) }),
    ).toThrow(McmcShapeError);
    expect(() =>
      sampleChain(target, q0, { ...base, warmup: "numpyro" as unknown as "stan" }),
    ).toThrow(McmcParameterError);
  });
});
