/**
 * `ArtEmisPure`: pure-absorption emission radiative transfer on pressure layers (ExoJAX,
 * research/exojax.md §7). Every method taking retrieval parameters works on tensors, so
 * the flux is differentiable (and compilable) in temperature, mixing ratio and gravity.
 */
import {
  abs,
  add,
  clip,
  concat,
  cumsum,
  div,
  exp,
  expm1,
  le,
  log,
  log10,
  maximum,
  mul,
  neg,
  reshape,
  slice,
  sub,
  sum,
  type Tensor,
  type TensorLike,
  toTensor,
  where,
  zeros,
} from "@sidereal/tensor";
import { gaussLegendre } from "@sidereal/tensor/kernels";
import { K_B, LOG_K_B, LOG_M_U, OPACITY_FACTOR } from "../constants.js";
import { ExoInputError } from "../errors.js";
import { logspace10 } from "../grid.js";
import { ibasedFluxOp } from "./ibased-op.js";
import { piPlanck } from "./planck.js";

export type RtSolver = "ibased" | "fbased2st";

export interface ArtEmisPureOptions {
  readonly pressureTop?: number;
  readonly pressureBtm?: number;
  readonly nlayer?: number;
  readonly nuGrid: Float64Array;
  readonly rtsolver?: RtSolver;
  readonly nstream?: number;
}

export class ArtEmisPure {
  readonly nuGrid: Float64Array;
  readonly nlayer: number;
  readonly rtsolver: RtSolver;
  readonly nstream: number;
  /** Layer-centre pressures (bar), top (index 0) to bottom. */
  readonly pressure: Float64Array;
  /** Layer thicknesses (bar). */
  readonly dParr: Float64Array;
  /** N+1 layer boundaries (bar). */
  readonly pressureBoundary: Float64Array;
  /** Pressure ratio between adjacent layers, 10^(−ΔlogP). */
  readonly pressureDecreaseRate: number;
  /** Stream cosines μ_j and weights w_j on [0, 1] (ibased). */
  readonly mu: Float64Array;
  readonly muWeight: Float64Array;
  private ibased: ((dtau: Tensor, source: Tensor) => Tensor) | null = null;
  private tlow = 0;
  private thigh = Number.POSITIVE_INFINITY;

  constructor(options: ArtEmisPureOptions) {
    const top = options.pressureTop ?? 1e-8;
    const btm = options.pressureBtm ?? 1e2;
    const n = options.nlayer ?? 100;
    this.nuGrid = options.nuGrid;
    this.nlayer = n;
    this.rtsolver = options.rtsolver ?? "ibased";
    this.nstream = options.nstream ?? (this.rtsolver === "fbased2st" ? 2 : 8);
    if (this.rtsolver === "fbased2st" && this.nstream !== 2)
      throw new ExoInputError({
        fn: "ArtEmisPure",
        argument: "nstream",
        value: String(this.nstream),
        reason: "fbased2st needs nstream = 2",
      });
    if (this.rtsolver === "ibased" && (this.nstream < 2 || this.nstream % 2 !== 0))
      throw new ExoInputError({
        fn: "ArtEmisPure",
        argument: "nstream",
        value: String(this.nstream),
        reason: "ibased needs an even nstream",
      });
    const dlogP = (Math.log10(btm) - Math.log10(top)) / (n - 1);
    this.pressure = logspace10(top, btm, n);
    const k = 10 ** -dlogP;
    this.pressureDecreaseRate = k;
    const r = 0.5;
    this.dParr = this.pressure.map((p) => (k ** (r - 1) - k ** r) * p);
    this.pressureBoundary = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.pressureBoundary[i] = k ** r * this.pressure[i];
    this.pressureBoundary[n] = k ** (r - 1) * this.pressure[n - 1];
    const gl = gaussLegendre(this.nstream / 2);
    this.mu = gl.x.map((x) => (x + 1) / 2);
    this.muWeight = gl.w.map((w) => w / 2);
  }

  /** Clip limits of `powerlawTemperature` (ExoJAX `change_temperature_range`). */
  changeTemperatureRange(tlow: number, thigh: number): void {
    this.tlow = tlow;
    this.thigh = thigh;
  }

  /** The clip limits [Tlow, Thigh] of `powerlawTemperature`. */
  get temperatureRange(): readonly [number, number] {
    return [this.tlow, this.thigh];
  }

  /** T_i = clip(T0 P_i^α, Tlow, Thigh) (P in bar). */
  powerlawTemperature(t0: TensorLike, alpha: TensorLike): Tensor {
    return clip(this.powerlawTemperatureUnclipped(t0, alpha), this.tlow, this.thigh);
  }

  /** T0 P_i^α before the range clip (for opacities that fuse the clip, see model/ops). */
  powerlawTemperatureUnclipped(t0: TensorLike, alpha: TensorLike): Tensor {
    const lnP = toTensor(this.pressure.map(Math.log));
    return mul(t0, exp(mul(alpha, lnP)));
  }

  /** A constant mass mixing ratio in every layer. */
  constantMmrProfile(value: TensorLike): Tensor {
    return add(zeros([this.nlayer]), value);
  }

  /**
   * Line optical depth per layer: 6.022e29 |xs| dP mmr / (M g) (xs in cm², dP in bar,
   * g in cm/s²). `xs` is (Nlayer, Nnu) or (Nnu); `mmr` scalar or per layer.
   */
  opacityProfileXs(xs: TensorLike, mmr: TensorLike, molmass: number, gravity: TensorLike): Tensor {
    const col = (v: TensorLike) => {
      const t = toTensor(v);
      return t.rank === 1 ? reshape(t, [t.size, 1]) : t;
    };
    const dp = col(this.dParr.map((v) => v * (OPACITY_FACTOR / molmass)));
    return div(mul(mul(abs(xs), dp), col(mmr)), gravity);
  }

  /**
   * CIA optical depth per layer: α n₁ n₂ × column length, with n = P/(k_B T) (§7.4).
   * `logacia` is log10 α (Nlayer, Nnu).
   */
  opacityProfileCia(
    logacia: TensorLike,
    tarr: TensorLike,
    vmr1: TensorLike,
    vmr2: TensorLike,
    mmw: TensorLike,
    gravity: TensorLike,
  ): Tensor {
    const t = toTensor(tarr);
    const tcol = reshape(t, [t.size, 1]);
    const pcol = reshape(
      this.pressure.map((p) => p * 1e6),
      [this.nlayer, 1],
    );
    const nden = div(div(pcol, K_B), tcol);
    const lognn = add(log10(mul(vmr1, nden)), log10(mul(vmr2, nden)));
    const expo = sub(add(add(logacia, lognn), LOG_K_B - LOG_M_U), log10(gravity));
    const dlnP = reshape(
      this.dParr.map((d, i) => d / this.pressure[i]),
      [this.nlayer, 1],
    );
    return mul(mul(exp(mul(expo, Math.LN10)), div(tcol, mmw)), dlnP);
  }

  /** Emergent flux (erg/s/cm²/cm⁻¹) for optical depths `dtau` (Nlayer, Nnu) and temperatures. */
  run(dtau: TensorLike, tarr: TensorLike): Tensor {
    const d = toTensor(dtau);
    const src = piPlanck(tarr, this.nuGrid);
    return this.rtsolver === "ibased" ? this.runIbased(d, src) : this.runFbased2st(d, src);
  }

  private runIbased(dtau: Tensor, src: Tensor): Tensor {
    if (this.ibased === null) this.ibased = ibasedFluxOp(this.mu, this.muWeight);
    return this.ibased(dtau, src);
  }

  private runFbased2st(dtau: Tensor, src: Tensor): Tensor {
    const n = this.nuGrid.length;
    const tr = transmission2E3(dtau);
    const logTr = log(maximum(tr, 1e-300));
    const cumTr = exp(
      concat([zeros([1, n]), slice(cumsum(logTr, 0), [[0, this.nlayer - 1], null])], 0),
    );
    return sum(mul(mul(neg(expm1(logTr)), src), cumTr), 0);
  }
}

const A = [-0.57721566, 0.99999193, -0.24991055, 0.05519968, -0.00976004, 0.00107857];
const B = [8.5733287401, 18.059016973, 8.6347608925, 0.2677737343];
const C = [9.5733223454, 25.6329561486, 21.0996530827, 3.9584969228];

/** Exponential integral E1 (Abramowitz & Stegun 5.1.53–5.1.56), differentiable. */
export function expint1(x: TensorLike): Tensor {
  const xt = toTensor(x);
  const small = le(xt, 1);
  const xs = where(small, maximum(xt, 1e-300), 1);
  let ps: Tensor = toTensor(A[5]);
  for (let i = 4; i >= 1; i--) ps = add(mul(ps, xs), A[i]);
  const lowBranch = add(sub(mul(ps, xs), log(xs)), A[0]);
  const xl = where(small, 2, xt);
  let num: Tensor = add(xl, B[0]);
  let den: Tensor = add(xl, C[0]);
  for (let i = 1; i < 4; i++) {
    num = add(mul(num, xl), B[i]);
    den = add(mul(den, xl), C[i]);
  }
  const highBranch = div(mul(div(exp(neg(xl)), xl), num), den);
  return where(small, lowBranch, highBranch);
}

/** Layer transmission 2 E3(x) = (1 − x) e^{−x} + x² E1(x) (1 where x = 0). */
export function transmission2E3(x: TensorLike): Tensor {
  const xt = toTensor(x);
  const pos = le(1e-300, xt);
  const xp = where(pos, xt, 1);
  const t = add(mul(sub(1, xp), exp(neg(xp))), mul(mul(xp, xp), expint1(xp)));
  return where(pos, t, 1);
}
