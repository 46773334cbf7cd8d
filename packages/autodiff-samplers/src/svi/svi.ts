/**
 * `svi(model, guide, optimizer, { loss })` (NumPyro's `SVI`): stochastic variational
 * inference with an autoguide. The optimizer (any `GradientTransformation`, e.g. `adam(0.01)`)
 * works on the flat unconstrained guide parameters φ; the loss is the negative ELBO estimate
 * of `loss` (default `traceELBO()`), compiled once per data object with `compile`.
 *
 * - `init(key, data)`: sets the guide up on `data` (`key` is split into the guide-setup key
 *   and the state key) and returns the state `{ phi, optState, key, step }`.
 * - `update(state, data)` → `[state, loss]`: splits the state key into (next key, step key),
 *   draws ε ~ N(0, I) [P, epsDim] with the step key and applies one optimizer step. The step
 *   is taken in place (the optimizer's `updateInPlace`): the returned state shares `phi` and
 *   the optimizer's arrays with the one passed in, which is consumed — copy `state.phi` to
 *   keep a snapshot. (At M67's AutoMultivariateNormal, 9.3 M parameters, this saves Adam's
 *   three new parameter-size arrays and the new φ per step.) A step that throws leaves the
 *   state untouched.
 * - `run(key, numSteps, data, { progress })` → `{ params, losses, state }`; with `progress`
 *   a NumPyro-like line is written to stderr.
 * - `getParams(state)`: constrained guide parameters by name.
 *
 * A non-finite loss or gradient raises an `SviError` ("non-finite-loss") naming the step.
 * `update` on a data object other than the one of the last compile recompiles the loss (same
 * shapes required; data are baked into the compiled program).
 */
import { normal, type PRNGKey, split } from "@sidereal/distributions";
import type { Tensor } from "@sidereal/tensor";
import {
  type GradientTransformation,
  updateParamsInPlace,
} from "../optim/gradientTransformation.js";
import type { Model } from "../ppl/model.js";
import type { AutoGuide, GuideSetup } from "./autoguide.js";
import { type CompiledElbo, compileElbo, type ElboLoss, traceELBO } from "./elbo.js";
import { SviError } from "./errors.js";
import { constrainedParams, initialFlat } from "./guideParams.js";
import { type SviProgressStream, sviProgressReporter } from "./progress.js";

/** SVI state (plain data; `update` advances its arrays in place, see the module doc). */
export interface SviState<S> {
  /** Flat unconstrained guide parameters φ. */
  readonly phi: Float64Array;
  readonly optState: S;
  readonly key: PRNGKey;
  /** Steps done. */
  readonly step: number;
}

/** Result of {@link Svi.run}. */
export interface SviRunResult<S> {
  /** Constrained guide parameters by name. */
  readonly params: Record<string, Tensor>;
  /** Loss of every step. */
  readonly losses: Float64Array;
  readonly state: SviState<S>;
}

/** Options of {@link svi}. */
export interface SviOptions {
  /** Default `traceELBO()`. */
  readonly loss?: ElboLoss;
}

/** An SVI driver (see the module doc). */
export interface Svi<D, S> {
  readonly guide: AutoGuide<D>;
  readonly loss: ElboLoss;
  init(rngKey: PRNGKey, data: D): SviState<S>;
  update(state: SviState<S>, data: D): [SviState<S>, number];
  /** The loss at `state` with a fresh draw from `rngKey` (no update). */
  evaluate(state: SviState<S>, data: D, rngKey: PRNGKey): number;
  run(
    rngKey: PRNGKey,
    numSteps: number,
    data: D,
    options?: {
      readonly progress?: boolean;
      /** Where the progress goes (default `process.stderr`; see `SviProgressStream`). */
      readonly progressStream?: SviProgressStream;
    },
  ): SviRunResult<S>;
  getParams(state: SviState<S>): Record<string, Tensor>;
  /** The compiled loss for `data` (compiling it if needed). */
  compiledLoss(data: D): CompiledElbo;
}

/** True when every entry is finite (a plain loop: φ can hold millions of numbers). */
function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/** Builds an SVI driver (see the module doc). */
export function svi<D, S>(
  model: Model<D>,
  guide: AutoGuide<D>,
  optimizer: GradientTransformation<S>,
  options: SviOptions = {},
): Svi<D, S> {
  const loss = options.loss ?? traceELBO();
  let setup: GuideSetup | undefined;
  let cache: { data: D; elbo: CompiledElbo } | undefined;
  const needSetup = (): GuideSetup => {
    if (setup === undefined)
      throw new SviError("not-initialized", "", "svi: call init(key, data) before update/run");
    return setup;
  };
  const compiledLoss = (data: D): CompiledElbo => {
    const s = needSetup();
    if (cache === undefined || cache.data !== data)
      cache = { data, elbo: compileElbo(model, data, s.potential, s.family, s.layout, loss) };
    return cache.elbo;
  };
  let grad = new Float64Array(0);
  const draw = (k: PRNGKey, elbo: CompiledElbo) => normal(k, [elbo.numParticles, elbo.epsDim]);
  const self: Svi<D, S> = {
    guide,
    loss,
    init(rngKey, data) {
      const [guideKey, stateKey] = split(rngKey);
      setup = guide.setup(guideKey, data);
      cache = undefined;
      const phi = initialFlat(setup.layout);
      grad = new Float64Array(phi.length);
      compiledLoss(data);
      return { phi, optState: optimizer.init(phi), key: stateKey, step: 0 };
    },
    update(state, data) {
      const elbo = compiledLoss(data);
      const [next, stepKey] = split(state.key);
      if (grad.length !== state.phi.length) grad = new Float64Array(state.phi.length);
      const value = elbo.valueAndGrad(state.phi, draw(stepKey, elbo), grad);
      if (!Number.isFinite(value) || !allFinite(grad))
        throw new SviError(
          "non-finite-loss",
          "",
          `svi: non-finite loss or gradient at step ${state.step + 1} (loss ${value}); try a smaller learning rate or another init`,
        );
      const phi = state.phi;
      const optState = updateParamsInPlace(optimizer, grad, state.optState, phi);
      return [{ phi, optState, key: next, step: state.step + 1 }, value];
    },
    evaluate(state, data, rngKey) {
      const elbo = compiledLoss(data);
      return elbo.value(state.phi, draw(rngKey, elbo));
    },
    run(rngKey, numSteps, data, runOptions = {}) {
      if (!Number.isInteger(numSteps) || numSteps < 1)
        throw new SviError(
          "bad-argument",
          "numSteps",
          `svi.run: numSteps must be an integer ≥ 1, got ${numSteps}`,
        );
      let state = self.init(rngKey, data);
      const losses = new Float64Array(numSteps);
      const reporter = runOptions.progress
        ? sviProgressReporter(numSteps, runOptions.progressStream)
        : undefined;
      for (let i = 0; i < numSteps; i++) {
        const [s, l] = self.update(state, data);
        state = s;
        losses[i] = l;
        reporter?.update(i + 1, l);
      }
      reporter?.done();
      return { params: self.getParams(state), losses, state };
    },
    getParams(state) {
      return constrainedParams(needSetup().layout, state.phi);
    },
    compiledLoss,
  };
  return self;
}
