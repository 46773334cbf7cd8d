import { McmcParameterError } from "../errors.js";
import { checkStepSize } from "../params.js";

/** Options of {@link dualAveraging} (defaults are Stan's). */
export interface DualAveragingOptions {
  /** Target mean acceptance statistic δ (default 0.8), in (0, 1). */
  readonly targetAccept?: number;
  /** Shrinkage γ towards μ (default 0.05). */
  readonly gamma?: number;
  /** Iteration offset t₀ damping early updates (default 10). */
  readonly t0?: number;
  /** Averaging exponent κ ∈ (0.5, 1] (default 0.75). */
  readonly kappa?: number;
}

/** Dual-averaging state (immutable; `update` returns a new one). */
export interface DualAveragingState {
  /** Current iterate `log ε_t` (use `exp` of it for the next transition). */
  readonly logStepSize: number;
  /** Weighted average `log ε̄_t` (the final step size is its exponential). */
  readonly logStepSizeAvg: number;
  /** Running average `H̄_t` of `δ − α`. */
  readonly gradientAvg: number;
  /** Number of updates `t`. */
  readonly step: number;
  /** Shrinkage target `μ = log(10 ε₀)`. */
  readonly mu: number;
}

/** The three functions of the dual-averaging step-size adapter. */
export interface DualAveraging {
  /**
   * Starts at `ε₀` with `H̄ = 0`, `log ε̄ = 0`, `t = 0` and the shrinkage target
   * `μ = log(10 ε_μ)`, `ε_μ = muStepSize` (default `ε₀`). Stan's first phase uses the user's
   * step size for `ε_μ` (its `set_mu(log(10 * stepsize))` precedes the step-size search).
   */
  init(initialStepSize: number, muStepSize?: number): DualAveragingState;
  /**
   * One update with acceptance statistic `α` (clipped to [0, 1]; NaN counts as 0):
   * `H̄ ← (1 − η) H̄ + η (δ − α)`, `η = 1/(t + t₀)`; `log ε = μ − √t H̄ / γ`;
   * `log ε̄ ← t^{−κ} log ε + (1 − t^{−κ}) log ε̄` (with `t` already incremented).
   */
  update(state: DualAveragingState, acceptProb: number): DualAveragingState;
  /** Final adapted step size `exp(log ε̄)`. */
  final(state: DualAveragingState): number;
}

/**
 * Nesterov dual averaging for the step size, as in Hoffman & Gelman (2014, JMLR 15, §3.2,
 * Algorithm 5) and Stan. Throws `McmcParameterError` for options out of range.
 */
export function dualAveraging(options: DualAveragingOptions = {}): DualAveraging {
  const delta = options.targetAccept ?? 0.8;
  const gamma = options.gamma ?? 0.05;
  const t0 = options.t0 ?? 10;
  const kappa = options.kappa ?? 0.75;
  if (!(delta > 0 && delta < 1)) {
    throw new McmcParameterError(`dualAveraging: targetAccept must be in (0, 1), got ${delta}`);
  }
  if (!(gamma > 0) || !Number.isFinite(gamma)) {
    throw new McmcParameterError(`dualAveraging: gamma must be finite and > 0, got ${gamma}`);
  }
  if (!(t0 >= 0) || !Number.isFinite(t0)) {
    throw new McmcParameterError(`dualAveraging: t0 must be finite and >= 0, got ${t0}`);
  }
  if (!(kappa > 0 && kappa <= 1)) {
    throw new McmcParameterError(`dualAveraging: kappa must be in (0, 1], got ${kappa}`);
  }
  return {
    init(initialStepSize, muStepSize = initialStepSize) {
      checkStepSize(initialStepSize, "dualAveraging.init");
      checkStepSize(muStepSize, "dualAveraging.init");
      return {
        logStepSize: Math.log(initialStepSize),
        logStepSizeAvg: 0,
        gradientAvg: 0,
        step: 0,
        mu: Math.log(10) + Math.log(muStepSize),
      };
    },
    update(state, acceptProb) {
      const alpha = Number.isNaN(acceptProb) ? 0 : Math.min(1, Math.max(0, acceptProb));
      const t = state.step + 1;
      const eta = 1 / (t + t0);
      const gradientAvg = (1 - eta) * state.gradientAvg + eta * (delta - alpha);
      const logStepSize = state.mu - (Math.sqrt(t) / gamma) * gradientAvg;
      const w = t ** -kappa;
      const logStepSizeAvg = w * logStepSize + (1 - w) * state.logStepSizeAvg;
      return { logStepSize, logStepSizeAvg, gradientAvg, step: t, mu: state.mu };
    },
    final(state) {
      return Math.exp(state.logStepSizeAvg);
    },
  };
}
