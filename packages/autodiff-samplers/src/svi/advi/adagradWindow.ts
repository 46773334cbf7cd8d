/**
 * PyMC's `adagrad_window` optimizer as a `GradientTransformation`: a ring buffer of the last
 * `nWin` squared gradients per parameter (initially zeros); step t (0-based) stores g² in slot
 * t mod nWin and updates p ← p − lr · g / √(Σ_window g² + ε). Defaults: nWin = 10, ε = 0.1
 * (PyMC). Throws an `SviError` ("bad-argument") for lr ≤ 0, nWin < 1 or ε < 0.
 */
import type { GradientTransformation } from "../../optim/gradientTransformation.js";
import { SviError } from "../errors.js";

/** State of {@link adagradWindow}. */
export interface AdagradWindowState {
  readonly count: number;
  /** Squared gradients, row-major [nWin, n]. */
  readonly window: Float64Array;
}

/** Windowed Adagrad (see the module doc). */
export function adagradWindow(
  learningRate: number,
  options: { readonly nWin?: number; readonly epsilon?: number } = {},
): GradientTransformation<AdagradWindowState> {
  const nWin = options.nWin ?? 10;
  const eps = options.epsilon ?? 0.1;
  if (!(learningRate > 0 && Number.isFinite(learningRate)))
    throw new SviError(
      "bad-argument",
      "learningRate",
      `adagradWindow: learning rate must be > 0, got ${learningRate}`,
    );
  if (!Number.isInteger(nWin) || nWin < 1)
    throw new SviError(
      "bad-argument",
      "nWin",
      `adagradWindow: nWin must be an integer ≥ 1, got ${nWin}`,
    );
  if (!(eps >= 0))
    throw new SviError("bad-argument", "epsilon", `adagradWindow: epsilon must be ≥ 0, got ${eps}`);
  return {
    init: (params) => ({ count: 0, window: new Float64Array(nWin * params.length) }),
    update(grads, state) {
      const n = grads.length;
      if (state.window.length !== nWin * n)
        throw new SviError(
          "bad-argument",
          "grads",
          `adagradWindow: gradient has length ${n}, state expects ${state.window.length / nWin}`,
        );
      const window = state.window.slice();
      const slot = state.count % nWin;
      const u = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        window[slot * n + j] = grads[j] * grads[j];
        let s = 0;
        for (let w = 0; w < nWin; w++) s += window[w * n + j];
        u[j] = (-learningRate * grads[j]) / Math.sqrt(s + eps);
      }
      return [u, { count: state.count + 1, window }];
    },
  };
}
