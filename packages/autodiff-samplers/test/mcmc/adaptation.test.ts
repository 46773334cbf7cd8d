import { foldIn, key } from "@sidereal/distributions";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  buildMetric,
  buildSchedule,
  dualAveraging,
  findReasonableStepSize,
  initState,
  leapfrogInPlace,
  regularizeCovariance,
  regularizeVariance,
  welfordCovariance,
  welfordVariance,
} from "../../src/mcmc/index.js";
import { diagGaussian } from "./helpers.js";

const sizes = (s: ReturnType<typeof buildSchedule>) => s.windows.map((w) => w.end - w.start);

describe("buildSchedule (Stan's windowed adaptation)", () => {
  test("numWarmup = 1000: 75 | 25, 50, 100, 200, 500 | 50", () => {
    const s = buildSchedule(1000);
    expect(s.initBuffer).toBe(75);
    expect(s.termBuffer).toBe(50);
    expect(sizes(s)).toEqual([25, 50, 100, 200, 500]);
    expect(s.windows[0].start).toBe(75);
    expect(s.windows.at(-1)?.end).toBe(950);
    expect(s.adaptMetric).toBe(true);
  });

  test("other standard lengths", () => {
    expect(sizes(buildSchedule(500))).toEqual([25, 50, 100, 200]);
    expect(sizes(buildSchedule(2000))).toEqual([25, 50, 100, 200, 400, 1100]);
    // 75 + 25 + 50 = 150 fits exactly: one base window.
    expect(buildSchedule(150).windows).toEqual([{ start: 75, end: 100 }]);
    // A short remainder gives a short last window (Stan's counter logic).
    expect(buildSchedule(160).windows).toEqual([
      { start: 75, end: 100 },
      { start: 100, end: 110 },
    ]);
  });

  test("short warmups rescale the buffers to 15 % / 10 % (truncated), rest one window", () => {
    const s100 = buildSchedule(100);
    expect([s100.initBuffer, s100.termBuffer]).toEqual([15, 10]);
    expect(s100.windows).toEqual([{ start: 15, end: 90 }]);
    const s20 = buildSchedule(20);
    expect([s20.initBuffer, s20.termBuffer]).toEqual([3, 2]);
    expect(s20.windows).toEqual([{ start: 3, end: 18 }]);
    const s149 = buildSchedule(149);
    expect([s149.initBuffer, s149.termBuffer]).toEqual([22, 14]);
    expect(s149.windows).toEqual([{ start: 22, end: 135 }]);
  });

  test("numWarmup < 20: no metric adaptation", () => {
    for (const n of [0, 1, 19]) {
      const s = buildSchedule(n);
      expect(s.adaptMetric).toBe(false);
      expect(s.windows).toEqual([]);
      expect(s.initBuffer).toBe(n);
    }
  });

  test("property: windows tile [initBuffer, numWarmup − termBuffer) and double", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 20000 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 100 }),
        (n, initBuffer, termBuffer, baseWindow) => {
          const s = buildSchedule(n, { initBuffer, termBuffer, baseWindow });
          expect(s.windows[0].start).toBe(s.initBuffer);
          expect(s.windows.at(-1)?.end).toBe(n - s.termBuffer);
          for (let i = 1; i < s.windows.length; i++) {
            expect(s.windows[i].start).toBe(s.windows[i - 1].end);
            const prev = s.windows[i - 1].end - s.windows[i - 1].start;
            const cur = s.windows[i].end - s.windows[i].start;
            if (i < s.windows.length - 1) expect(cur).toBe(2 * prev);
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  test("bad input throws McmcParameterError", () => {
    expect(() => buildSchedule(-1)).toThrow(
      expect.objectContaining({ _tag: "McmcParameterError" }),
    );
    expect(() => buildSchedule(100, { baseWindow: 0 })).toThrow(
      expect.objectContaining({ _tag: "McmcParameterError" }),
    );
  });
});

describe("dual averaging", () => {
  test("converges to the step size whose acceptance equals the target", () => {
    // Deterministic acceptance curve α(ε) = exp(−ε²): the fixed point of α(ε) = δ is
    // ε* = √(−log δ) (0.47238 for δ = 0.8, 0.22648 for δ = 0.95). The shrinkage term
    // √t·H̄/γ makes the bias decay as O(t^{-1/2}) (measured: 0.5 % after 2000 updates for
    // δ = 0.8, 0.16 % after 20000), so we check the level and the t^{-1/2} rate.
    for (const [delta, tol] of [
      [0.8, 0.002],
      [0.95, 0.008],
    ]) {
      const da = dualAveraging({ targetAccept: delta });
      const target = Math.sqrt(-Math.log(delta));
      let s = da.init(1);
      expect(s.mu).toBeCloseTo(Math.log(10), 14);
      const relErr: number[] = [];
      for (let i = 1; i <= 20000; i++) {
        s = da.update(s, Math.exp(-Math.exp(2 * s.logStepSize)));
        if (i === 1250 || i === 5000 || i === 20000)
          relErr.push(Math.abs(da.final(s) / target - 1));
      }
      expect(relErr[2]).toBeLessThan(tol);
      expect(relErr[0] / relErr[1]).toBeGreaterThan(1.7);
      expect(relErr[1] / relErr[2]).toBeGreaterThan(1.7);
      expect(relErr[1] / relErr[2]).toBeLessThan(2.3);
    }
  });

  test("first update matches Hoffman & Gelman's Algorithm 5 by hand", () => {
    // t = 1, η = 1/11, H̄ = (0.8 − 0.3)/11, log ε = log(10·0.5) − √1·H̄/0.05, x̄ = log ε (t^-κ = 1).
    const da = dualAveraging();
    const s = da.update(da.init(0.5), 0.3);
    const hBar = 0.5 / 11;
    expect(s.gradientAvg).toBeCloseTo(hBar, 15);
    expect(s.logStepSize).toBeCloseTo(Math.log(5) - hBar / 0.05, 14);
    expect(s.logStepSizeAvg).toBeCloseTo(s.logStepSize, 15);
    // NaN acceptance counts as 0; > 1 is clipped.
    expect(da.update(da.init(0.5), Number.NaN).gradientAvg).toBeCloseTo(0.8 / 11, 15);
    expect(da.update(da.init(0.5), 3).gradientAvg).toBeCloseTo(-0.2 / 11, 15);
    expect(() => dualAveraging({ targetAccept: 1 })).toThrow(
      expect.objectContaining({ _tag: "McmcParameterError" }),
    );
  });
});

describe("dual averaging: a sequence and a restart by hand (Stan's stepsize_adaptation)", () => {
  // Stan's learn_stepsize from H̄ = 0, x̄ = 0: H̄_t = Σ_{i≤t}(δ − α_i)/(t + t₀) in closed form
  // (the recursion (1 − η)H̄ + η(δ − α) with η = 1/(t + t₀) telescopes), x_t = μ − √t·H̄_t/γ,
  // x̄_t = t^{−κ} x_t + (1 − t^{−κ}) x̄_{t−1}. Values for ε₀ = 0.5 (μ = log 5), α = 0.3, 0.9, 0.6,
  // δ 0.8, γ 0.05, t₀ 10, κ 0.75, worked out by hand (and checked in double precision):
  //   t = 1: H̄ = 0.5/11,  x = log 5 − 0.5/11/0.05      = 0.70034700334319, x̄ = x
  //   t = 2: H̄ = 0.4/12,  x = log 5 − √2·0.4/12/0.05   = 0.66662887085204, x̄ = 0.68029808181165
  //   t = 3: H̄ = 0.6/13,  x = log 5 − √3·0.6/13/0.05   = 0.01062178237052, x̄ = 0.38651689021676
  const expected = [
    { hBar: 0.5 / 11, x: 0.70034700334319, xBar: 0.70034700334319 },
    { hBar: 0.4 / 12, x: 0.66662887085204, xBar: 0.68029808181165 },
    { hBar: 0.6 / 13, x: 0.01062178237052, xBar: 0.38651689021676 },
  ];

  test("three updates: H̄, the iterate and its average", () => {
    const da = dualAveraging();
    let s = da.init(0.5);
    expect(s).toEqual({
      logStepSize: Math.log(0.5),
      logStepSizeAvg: 0,
      gradientAvg: 0,
      step: 0,
      mu: Math.log(10) + Math.log(0.5),
    });
    [0.3, 0.9, 0.6].forEach((alpha, i) => {
      s = da.update(s, alpha);
      expect(s.step).toBe(i + 1);
      // 1e-14: the literals carry 14 decimals; the recursion's rounding is ~1e-16
      expect(s.gradientAvg).toBeCloseTo(expected[i].hBar, 15);
      expect(s.logStepSize).toBeCloseTo(expected[i].x, 13);
      expect(s.logStepSizeAvg).toBeCloseTo(expected[i].xBar, 13);
    });
    // Stan's complete_adaptation: the final step size is exp(x̄), not exp(x)
    expect(da.final(s)).toBeCloseTo(Math.exp(0.38651689021676), 13);
    expect(Math.exp(s.logStepSize)).not.toBeCloseTo(da.final(s), 2);
  });

  test("a restart forgets H̄, x̄ and t, and shrinks towards the new μ", () => {
    const da = dualAveraging();
    let s = da.init(0.5);
    for (const alpha of [0.1, 0.99, 0.2, 0.7]) s = da.update(s, alpha);
    // Stan's restart after a metric window: counter, s_bar, x_bar to 0, μ = log(10 ε_searched)
    let r = da.init(0.05);
    expect(r.mu).toBeCloseTo(Math.log(0.5), 15);
    for (const alpha of [0.3, 0.9, 0.6]) r = da.update(r, alpha);
    // the same sequence as from ε₀ = 0.5, shifted by log(0.05/0.5) in x and x̄
    expect(r.logStepSize).toBeCloseTo(expected[2].x + Math.log(0.1), 13);
    expect(r.logStepSizeAvg).toBeCloseTo(expected[2].xBar + Math.log(0.1), 13);
  });
});

describe("Welford estimators and Stan's regularisation", () => {
  // Hand-checkable data: columns (1,2,3,4) and (2,4,6,9).
  const xs = [
    Float64Array.of(1, 2),
    Float64Array.of(2, 4),
    Float64Array.of(3, 6),
    Float64Array.of(4, 9),
  ];

  test("variance and covariance match the two-pass formulas", () => {
    const v = welfordVariance(2);
    const c = welfordCovariance(2);
    for (const x of xs) {
      v.add(x);
      c.add(x);
    }
    // var(1,2,3,4) = 5/3; mean of col 2 = 5.25, var = (10.5625+1.5625+0.5625+14.0625)/3 = 26.75/3;
    // cov = ((−1.5)(−3.25) + (−0.5)(−1.25) + (0.5)(0.75) + (1.5)(3.75))/3 = 11.5/3.
    const vv = v.variance();
    expect(vv[0]).toBeCloseTo(5 / 3, 14);
    expect(vv[1]).toBeCloseTo(26.75 / 3, 14);
    const cc = c.covariance();
    expect([...cc].map((z) => Number(z.toFixed(12)))).toEqual(
      [5 / 3, 11.5 / 3, 11.5 / 3, 26.75 / 3].map((z) => Number(z.toFixed(12))),
    );
    expect(v.count).toBe(4);
    v.reset();
    expect(v.count).toBe(0);
    expect(() => v.variance()).toThrow(expect.objectContaining({ _tag: "McmcValueError" }));
    expect(() => v.add(Float64Array.of(1))).toThrow(
      expect.objectContaining({ _tag: "McmcShapeError" }),
    );
  });

  test("regularisation (n/(n+5))·Σ + 1e-3·(5/(n+5))·I", () => {
    const r = regularizeVariance(Float64Array.of(2, 0.5), 95);
    expect(r[0]).toBeCloseTo(0.95 * 2 + 1e-3 * 0.05, 15);
    expect(r[1]).toBeCloseTo(0.95 * 0.5 + 1e-3 * 0.05, 15);
    const rc = regularizeCovariance(Float64Array.of(2, 0.3, 0.3, 1), 15, 2);
    expect([...rc]).toEqual([0.75 * 2 + 1e-3 * 0.25, 0.75 * 0.3, 0.75 * 0.3, 0.75 + 1e-3 * 0.25]);
  });
});

describe("findReasonableStepSize (Stan's init_stepsize)", () => {
  test("fresh momentum per trial, threshold log 0.8, returns the first ε that fails", () => {
    const scales = [0.1, 1, 3];
    const pot = diagGaussian(scales);
    const state = initState(Float64Array.of(0.05, -0.4, 2), pot);
    const inv = Float64Array.of(1, 1, 1);
    const metric = buildMetric(inv, 3);
    // ΔH = H₀ − H₁ of trial j (momentum from foldIn(key, j)) at step e, recomputed by hand
    const deltaH = (k: ReturnType<typeof key>, j: number, e: number) => {
      const p0 = new Float64Array(3);
      metric.sampleMomentum(foldIn(k, j), p0);
      const h0 = state.potentialEnergy + metric.kineticEnergy(p0);
      const z = {
        position: state.position.slice(),
        momentum: p0,
        potentialEnergy: state.potentialEnergy,
        potentialGrad: state.potentialGrad.slice(),
      };
      leapfrogInPlace(pot, metric, z, e, new Float64Array(3));
      const h1 = z.potentialEnergy + metric.kineticEnergy(z.momentum);
      return h0 - (Number.isNaN(h1) ? Number.POSITIVE_INFINITY : h1);
    };
    const logAccept = Math.log(0.8);
    let upward = 0;
    for (let seed = 0; seed < 40; seed++) {
      for (const start of [1, 1e-3]) {
        const k = key(seed);
        const eps = findReasonableStepSize({
          potential: pot,
          state,
          inverseMassMatrix: inv,
          key: k,
          initialStepSize: start,
        });
        const dir = deltaH(k, 0, start) > logAccept ? 1 : -1;
        if (dir === 1) upward++;
        // Trials 1, 2, … run at start·2^{±(j−1)}; every one before the last passes its test.
        const trials = Math.round(Math.abs(Math.log2(eps / start))) + 1;
        expect(eps).toBe(start * 2 ** (dir * (trials - 1)));
        for (let j = 1; j <= trials; j++) {
          const e = start * 2 ** (dir * (j - 1));
          const passes = dir === 1 ? deltaH(k, j, e) > logAccept : deltaH(k, j, e) < logAccept;
          expect(passes, `seed ${seed}, start ${start}, trial ${j}`).toBe(j < trials);
        }
      }
    }
    // both directions occur: from 1e-3 the search grows, from 1 it must shrink (scale 0.1)
    expect(upward).toBeGreaterThan(0);
    expect(upward).toBeLessThan(80);
  });

  test("a flat potential runs away and throws McmcValueError", () => {
    const flat = (_q: Float64Array, g: Float64Array) => {
      g.fill(0);
      return 0;
    };
    const state = initState(Float64Array.of(0, 0), flat);
    expect(() =>
      findReasonableStepSize({
        potential: flat,
        state,
        inverseMassMatrix: Float64Array.of(1, 1),
        key: key(0),
      }),
    ).toThrow(expect.objectContaining({ _tag: "McmcValueError" }));
  });
});

describe("findReasonableStepSize at an extreme start", () => {
  test("a point whose every step explodes returns the floor instead of failing", () => {
    // U = 1e30 q²/2: any step above ~1e-15 is unstable, so the search hits the floor
    const stiff = (q: Float64Array, g: Float64Array) => {
      g[0] = 1e30 * q[0];
      return 0.5 * 1e30 * q[0] * q[0];
    };
    const state = initState(Float64Array.of(1e-10), stiff);
    const eps = findReasonableStepSize({
      potential: stiff,
      state,
      inverseMassMatrix: Float64Array.of(1),
      key: key(0),
    });
    expect(eps).toBe(1e-12);
  });
});
