/**
 * `exo-retrieval svi`: the seed's SVI (Trace_ELBO, Adam(0.01)) with any autoguide, then
 * 2,000 posterior draws from the guide, predictive spectra, and the standard outputs.
 * Progress shows the running mean loss of the last 100 steps.
 */

import type { SampleChainResult } from "@sidereal/autodiff-samplers";
import {
  AutoBNAFNormal,
  AutoDelta,
  AutoDiagonalNormal,
  type AutoGuide,
  AutoIAFNormal,
  AutoLaplaceApproximation,
  AutoLowRankMultivariateNormal,
  AutoMultivariateNormal,
  AutoNormal,
  adam,
  exponentialDecay,
  guidePredictive,
  initToMedian,
  initToUniform,
  type LearningRate,
  svi,
} from "@sidereal/autodiff-samplers";
import { key, split } from "@sidereal/distributions";
import { attemptStage, Progress, potentialResult } from "@sidereal/runtime";
import { Effect } from "effect";
import { PARAMS } from "./forward.js";
import type { ExoData } from "./model.js";
import { exoModel } from "./model.js";

export const GUIDES = [
  "normal",
  "diag",
  "mvn",
  "lowrank",
  "iaf",
  "bnaf",
  "delta",
  "laplace",
] as const;
export type GuideName = (typeof GUIDES)[number];

/** The seed's step counts: 2,000 for MVN and 10,000 for BNAF (and 2,000 for the others). */
export const defaultSteps = (g: GuideName) => (g === "bnaf" ? 10_000 : 2_000);

/** Adam's learning rate of a run and the name of its schedule (written to `svi.json`). */
export interface SviLearningRate {
  readonly lr: LearningRate;
  readonly name: "constant" | "exponential-decay";
}

/**
 * The seed's constant rate, or with `final` an exponential decay from `init` to `final` over
 * the run (optax `exponential_decay(init, steps, final / init)`): a large early rate moves
 * σ's log-scale from its uniform init (σ ≈ 1) to the data's noise level (≈ 500) in a few
 * hundred steps, and the small late rate lets the loss settle.
 */
export const learningRate = (
  init: number,
  final: number | undefined,
  steps: number,
): SviLearningRate =>
  final === undefined || final === init
    ? { lr: init, name: "constant" }
    : { lr: exponentialDecay(init, steps, final / init), name: "exponential-decay" };

/** NumPyro's init strategies a user can pick for a guide's location (`--init`). */
export const INITS = ["uniform", "median"] as const;
export type InitName = (typeof INITS)[number];

/**
 * The autoguide of `g`. `init` picks the location's init strategy; absent, each guide keeps
 * NumPyro's default (`init_to_uniform`, or `init_to_median` for AutoDelta), and the flows
 * (iaf, bnaf) start from a standard normal, as in NumPyro. With an explicit `init` the flows
 * are also centred on that point (`centerOnInit`, an extension: NumPyro's flows ignore the
 * init strategy): with `median`, σ starts at its prior median ≈ 693 instead of ≈ e⁰, which
 * removes the ~10¹⁰ first gradients that otherwise freeze Adam for thousands of steps.
 */
export function makeGuide(g: GuideName, init?: InitName): AutoGuide<ExoData> {
  const o =
    init === undefined ? {} : { initLocFn: init === "median" ? initToMedian() : initToUniform() };
  const flow = init === undefined ? {} : { ...o, centerOnInit: true };
  switch (g) {
    case "normal":
      return AutoNormal(exoModel, o);
    case "diag":
      return AutoDiagonalNormal(exoModel, o);
    case "mvn":
      return AutoMultivariateNormal(exoModel, o);
    case "lowrank":
      return AutoLowRankMultivariateNormal(exoModel, o);
    case "iaf":
      return AutoIAFNormal(exoModel, flow);
    case "bnaf":
      return AutoBNAFNormal(exoModel, flow);
    case "delta":
      return AutoDelta(exoModel, o);
    case "laplace":
      return AutoLaplaceApproximation(exoModel, o);
  }
}

/** "Converged": the mean loss of the last 500 steps is within 1 % of the mean of the 500 before. */
export function convergence(losses: Float64Array, window = 500) {
  const n = losses.length;
  if (n < 2 * window) return { converged: false, last: Number.NaN, before: Number.NaN };
  let a = 0;
  let b = 0;
  for (let i = n - window; i < n; i++) a += losses[i];
  for (let i = n - 2 * window; i < n - window; i++) b += losses[i];
  const last = a / window;
  const before = b / window;
  return { converged: Math.abs(last - before) <= 0.01 * Math.abs(before), last, before };
}

export interface SviOutcome {
  readonly losses: Float64Array;
  readonly seconds: number;
  readonly compileSeconds: number;
  readonly stepsPerSecond: number;
  readonly draws: Record<string, Float64Array>;
  readonly predictive: Float64Array[];
}

/** How long the SVI loop runs before it yields the event loop (so Ctrl-C is seen at once). */
const SLICE_MS = 50;

/**
 * Runs SVI and draws from the fitted guide (see the module doc). The steps run in slices of
 * about {@link SLICE_MS} ms with a macrotask between them: a SIGINT handler can only run when
 * the event loop is free, and the run must stop within 2 s of Ctrl-C. The slicing changes
 * nothing in the arithmetic (same steps, same keys).
 */
export const runSvi = (
  data: ExoData,
  guideName: GuideName,
  steps: number,
  seed: number,
  numDraws: number,
  predictiveDraws: number,
  rate: SviLearningRate = learningRate(0.01, undefined, steps),
  init?: InitName,
) =>
  Effect.gen(function* () {
    const progress = yield* Progress;
    const stage = `svi (${guideName})`;
    const attempt = <A>(f: () => A) => attemptStage(stage, f);
    const guide = makeGuide(guideName, init);
    const driver = svi(exoModel, guide, adam(rate.lr));
    const [runKey, drawKey] = split(key(seed));
    const c0 = performance.now();
    // the first update compiles the loss; timed apart from the steps
    const losses = new Float64Array(steps);
    let state = yield* attempt(() => {
      const [s, loss] = driver.update(driver.init(runKey, data), data);
      losses[0] = loss;
      return s;
    });
    const compileSeconds = (performance.now() - c0) / 1000;
    const t0 = performance.now();
    let window = losses[0];
    let s = 1;
    while (s < steps) {
      state = yield* attempt(() => {
        let st = state;
        const sliceEnd = performance.now() + SLICE_MS;
        for (; s < steps && performance.now() < sliceEnd; s++) {
          let loss: number;
          [st, loss] = driver.update(st, data);
          losses[s] = loss;
          window += loss - (s >= 100 ? losses[s - 100] : 0);
          if (s % 10 === 0 || s === steps - 1)
            progress.update(
              `svi ${guideName}`,
              s + 1,
              steps,
              `mean loss ${(window / Math.min(s + 1, 100)).toExponential(4)}`,
            );
        }
        return st;
      });
      yield* Effect.sleep(0); // a macrotask: signals are handled, an interrupt lands here
    }
    progress.finish(`svi ${guideName}`);
    const seconds = (performance.now() - t0) / 1000;
    return yield* attempt((): SviOutcome => {
      const params = driver.getParams(state);
      const [postKey, predKey] = split(drawKey);
      const draws = constrainLatent(
        guide.sampleUnconstrained(postKey, params, numDraws),
        numDraws,
        latentOrder(guide),
      );
      const pred = guidePredictive(exoModel, {
        guide,
        params,
        numSamples: predictiveDraws,
        returnSites: ["spectrum"],
      })(predKey, { ...data, spectrum: undefined });
      const spec = pred.spectrum;
      const m = spec.shape[1];
      const flat = Float64Array.from(spec.toArray() as ArrayLike<number>);
      const predictive = Array.from({ length: predictiveDraws }, (_, k) =>
        flat.slice(k * m, (k + 1) * m),
      );
      return {
        losses,
        seconds,
        compileSeconds,
        stepsPerSecond: (steps - 1) / Math.max(seconds, 1e-9),
        draws,
        predictive,
      };
    });
  });

/**
 * The model's latent sites in the guide's (unconstrained, flat) order. Every site is a
 * scalar: Uniform(a, b) priors map u ↦ a + (b − a)·sigmoid(u), Exponential u ↦ exp(u)
 * (the support bijectors; checked against the guide's own `samplePosterior` in the tests).
 */
export function latentOrder(guide: AutoGuide<ExoData>): string[] {
  const setup = guide.current;
  if (setup === undefined) throw new Error("the guide is not set up");
  return setup.potential.latent.map((s) => s.name);
}

const BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  logg: [4.0, 5.0],
  RV: [35.0, 45.0],
  MMR: [0.0, 0.015],
  T0: [1000.0, 1500.0],
  alpha: [0.05, 0.2],
  vsini: [5.0, 15.0],
};

/**
 * Constrained draws from unconstrained rows u [n × 7] without re-running the model per
 * draw (the guide's `samplePosterior` traces the model, i.e. one forward spectrum per draw).
 */
export function constrainLatent(
  u: Float64Array,
  n: number,
  order: readonly string[],
): Record<string, Float64Array> {
  const d = order.length;
  const out: Record<string, Float64Array> = {};
  order.forEach((name, j) => {
    const v = new Float64Array(n);
    const b = BOUNDS[name];
    for (let k = 0; k < n; k++) {
      const x = u[k * d + j];
      v[k] = b === undefined ? Math.exp(x) : b[0] + (b[1] - b[0]) / (1 + Math.exp(-x));
    }
    out[name] = v;
  });
  return out;
}

/** The guide's draws as a one-chain `McmcResult` (sampler statistics are not defined: zero). */
export function drawsAsResult(draws: Record<string, Float64Array>) {
  const n = draws[PARAMS[0]].length;
  const d = PARAMS.length;
  const flat = new Float64Array(n * d);
  PARAMS.forEach((p, j) => {
    for (let k = 0; k < n; k++) flat[k * d + j] = draws[p][k];
  });
  const zeros = () => new Float64Array(n);
  const chain: SampleChainResult = {
    dim: d,
    draws: flat,
    stats: {
      lp: zeros(),
      potentialEnergy: zeros(),
      energy: zeros(),
      acceptanceRate: zeros(),
      stepSize: zeros(),
      treeDepth: new Int32Array(n),
      numSteps: new Int32Array(n),
      diverging: new Uint8Array(n),
    },
    adapted: { stepSize: 0, inverseMassMatrix: new Float64Array(d).fill(1) },
  };
  return potentialResult(
    [chain],
    PARAMS.map((name) => ({ name, shape: [] })),
  );
}
