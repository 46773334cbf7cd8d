/**
 * Radiative transfer through N clouds ordered nearest first (caribou_hi `radiative_transfer`,
 * spec §1.2 item 13), and the absorption observable of the models (item 14).
 *
 * Emission (ON − OFF): with a_i = 1 − f_i + f_i e^{−τ_i} and A_k = Π_{i<k} a_i,
 *   T_B = T_bg · A_N + Σ_i f_i T_s,i (1 − e^{−τ_i}) A_i − T_bg.
 * A single cloud gives f (T_s − T_bg)(1 − e^{−τ}). 1 − e^{−τ} is computed as −expm1(−τ).
 */
import {
  add,
  expm1,
  mul,
  neg,
  slice,
  squeeze,
  sub,
  sum,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { HiPhysicsError } from "./errors.js";
import { type Numeric, perCloud, type SameKind, sameKind } from "./numeric.js";

/** Column i of the last axis, kept as a length-1 axis (a scalar stays a scalar). */
function column(t: Tensor, i: number): Tensor {
  if (t.rank === 0) return t;
  const ranges: (readonly [number, number] | null)[] = new Array(t.rank - 1).fill(null);
  ranges.push([i, i + 1]);
  return slice(t, ranges);
}

/** Tensor form of {@link radiativeTransfer}: τ [..., S, N] → T_B [..., S]. */
export function radiativeTransferTensor(
  tau: TensorLike,
  tspin: TensorLike,
  fillingFactor: TensorLike,
  bgTemp: TensorLike,
): Tensor {
  const t = toTensor(tau);
  if (t.rank < 2 || t.shape[t.rank - 1] < 1)
    throw new HiPhysicsError({
      function: "radiativeTransfer",
      argument: "tau",
      message: `tau must be [S, N] (channels × clouds, N ≥ 1), got shape [${t.shape.join(", ")}]`,
    });
  const nClouds = t.shape[t.rank - 1];
  const ts = perCloud(tspin);
  const ff = perCloud(fillingFactor);
  let attenuation: Tensor | undefined;
  let emitted: Tensor | undefined;
  for (let i = 0; i < nClouds; i++) {
    const absorbed = neg(expm1(neg(column(t, i))));
    const fi = column(ff, i);
    const own = mul(mul(fi, column(ts, i)), absorbed);
    const seen = attenuation === undefined ? own : mul(own, attenuation);
    emitted = emitted === undefined ? seen : add(emitted, seen);
    const a = sub(1, mul(fi, absorbed));
    attenuation = attenuation === undefined ? a : mul(attenuation, a);
  }
  // T_bg·A_N − T_bg = −T_bg (1 − A_N)
  const background = mul(neg(bgTemp), sub(1, attenuation as Tensor));
  return squeeze(add(emitted as Tensor, background), -1);
}

/**
 * Emission spectrum T_B (K) of clouds with optical depth τ [S×N], spin temperatures T_s [N],
 * filling factors f [N] (or one shared value) in front of a background T_bg (K).
 */
export function radiativeTransfer<
  A extends Numeric,
  B extends Numeric,
  C extends Numeric,
  D extends Numeric,
>(tau: A, tspin: B, fillingFactor: C, bgTemp: D): SameKind<[A, B, C, D]> {
  return sameKind(radiativeTransferTensor(tau, tspin, fillingFactor, bgTemp), [
    tau,
    tspin,
    fillingFactor,
    bgTemp,
  ]);
}

/** Tensor form of {@link absorptionSpectrum}: 1 − exp(−Σ_i w_i τ_i) over the last axis. */
export function absorptionSpectrumTensor(tau: TensorLike, absorptionWeight: TensorLike): Tensor {
  return neg(expm1(neg(sum(mul(tau, perCloud(absorptionWeight)), -1))));
}

/**
 * The absorption observable 1 − exp(−Σ_i w_i τ_i(v)) of τ [S×N] and absorption weights w [N]
 * (no filling factor: the background source is point-like).
 */
export function absorptionSpectrum<A extends Numeric, B extends Numeric>(
  tau: A,
  absorptionWeight: B,
): SameKind<[A, B]> {
  return sameKind(absorptionSpectrumTensor(tau, absorptionWeight), [tau, absorptionWeight]);
}
