/**
 * The Gaussian optical depths of the fused spectrum kernels (`fused-emission.ts`,
 * `fused-absorption.ts`): τ_si = exp((x_s − v_i)² · rate_i + logA_i) on an axis of S channels
 * for N clouds, with the per-cloud rate = −4 ln2 / W_i² and logA = ln(τ_total,i · sqrt(4 ln2 /
 * (π W_i²))) computed in the tensor graph by {@link gaussianTauCoefficients} (the same
 * expressions as `cloudOpticalDepth`, so τ is the same to the last bit).
 *
 * A value-and-gradient evaluation runs the forward kernel and then its VJP on the same inputs;
 * the S×N exponentials are their whole cost, so the forward kernel keeps τ and 1 − e^{−τ} in a
 * scratch together with a copy of the (v, rate, logA) they came from, and the VJP reuses them
 * when the inputs are unchanged (compared value by value; NaN never matches, so it recomputes).
 */
import { add, div, log, mul, square, type Tensor } from "@sidereal/tensor";
import { HiPhysicsError } from "./errors.js";
import { channelFwhm } from "./pseudo-voigt.js";

const FOUR_LN2 = 4 * Math.LN2;

/** Per-cloud rate and log-amplitude [N] of the Gaussian τ on `axis` (see the module doc). */
export function gaussianTauCoefficients(
  axis: Tensor,
  fwhm2: Tensor,
  tauTotal: Tensor,
): { readonly rate: Tensor; readonly logAmplitude: Tensor } {
  const width2 = add(fwhm2, square(channelFwhm(axis)));
  return {
    rate: div(-FOUR_LN2, width2),
    logAmplitude: add(log(tauTotal), mul(0.5, log(div(FOUR_LN2 / Math.PI, width2)))),
  };
}

/** The number of clouds N of per-cloud inputs that must all be [N] (else a HiPhysicsError). */
export function checkCloudShapes(shapes: readonly (readonly number[])[], name: string): number {
  const n = shapes[0][0];
  if (!shapes.every((s) => s.length === 1 && s[0] === n))
    throw new HiPhysicsError({
      function: name,
      argument: "clouds",
      message: `every per-cloud input must be one vector of the same length, got shapes ${shapes.map((s) => `[${s.join(", ")}]`).join(" ")}`,
    });
  return n;
}

/** τ and 1 − e^{−τ} (S×N, channel-major) and the inputs they were computed from. */
export interface TauScratch {
  tau: Float64Array;
  /** b = −expm1(−τ), as the radiative transfer computes it (its derivative e^{−τ} is 1 − b). */
  absorbed: Float64Array;
  /** v, rate, logA (3N) of the cached values. */
  key: Float64Array;
  valid: boolean;
  /** `absorbed` holds the values for `key` (the absorption kernel does not need them). */
  absorbedValid: boolean;
}

export function emptyTauScratch(): TauScratch {
  return {
    tau: new Float64Array(0),
    absorbed: new Float64Array(0),
    key: new Float64Array(0),
    valid: false,
    absorbedValid: false,
  };
}

function sameKey(key: Float64Array, v: Float64Array, rate: Float64Array, logA: Float64Array) {
  const n = v.length;
  for (let i = 0; i < n; i++)
    if (key[i] !== v[i] || key[n + i] !== rate[i] || key[2 * n + i] !== logA[i]) return false;
  return true;
}

/**
 * τ_si for axis `x` [S] and per-cloud v, rate, logA [N], and with `withAbsorbed` also
 * b_si = −expm1(−τ_si); cached (module doc).
 */
export function gaussianTau(
  x: Float64Array,
  v: Float64Array,
  rate: Float64Array,
  logA: Float64Array,
  scratch: TauScratch,
  withAbsorbed: boolean,
): TauScratch {
  const n = v.length;
  const size = x.length * n;
  const cached =
    scratch.valid && scratch.tau.length === size && sameKey(scratch.key, v, rate, logA);
  if (cached && (scratch.absorbedValid || !withAbsorbed)) return scratch;
  if (scratch.tau.length !== size) {
    scratch.tau = new Float64Array(size);
    scratch.absorbed = new Float64Array(size);
  }
  if (scratch.key.length !== 3 * n) scratch.key = new Float64Array(3 * n);
  const { tau, absorbed } = scratch;
  if (!cached)
    for (let s = 0; s < x.length; s++) {
      const xs = x[s];
      const row = s * n;
      for (let i = 0; i < n; i++) {
        const d = xs - v[i];
        tau[row + i] = Math.exp(d * d * rate[i] + logA[i]);
      }
    }
  if (withAbsorbed) for (let k = 0; k < size; k++) absorbed[k] = -Math.expm1(-tau[k]);
  scratch.key.set(v, 0);
  scratch.key.set(rate, n);
  scratch.key.set(logA, 2 * n);
  scratch.valid = true;
  scratch.absorbedValid = withAbsorbed;
  return scratch;
}

/**
 * Chains a cotangent ḡ_τ of τ_si (given per channel and cloud by `tauBar(row + i)`) back to
 * v, rate and logA: u = (x − v)² rate + logA, τ = e^u, so ḡ_u = ḡ_τ τ, ∂u/∂logA = 1,
 * ∂u/∂rate = (x − v)², ∂u/∂v = −2 (x − v) rate. Accumulates into `out` rows 0 (v), 1 (rate),
 * 2 (logA), each of length N, summing over channels in order.
 */
export function accumulateTauGradient(
  x: Float64Array,
  v: Float64Array,
  rate: Float64Array,
  tau: Float64Array,
  tauBar: Float64Array,
  out: Float64Array,
): void {
  const n = v.length;
  for (let s = 0; s < x.length; s++) {
    const xs = x[s];
    const row = s * n;
    for (let i = 0; i < n; i++) {
      const uBar = tauBar[row + i] * tau[row + i];
      const d = xs - v[i];
      out[i] -= 2 * d * rate[i] * uBar;
      out[n + i] += d * d * uBar;
      out[2 * n + i] += uBar;
    }
  }
}
