/**
 * The absorption observable 1 − exp(−Σ_i w_i τ_i) of N Gaussian clouds as one tensor
 * primitive (the S×N optical depths of `fused-tau.ts` and `absorptionSpectrumTensor` in one
 * loop over channels), with its reverse-mode rule: z = Σ_i w_i τ_i, y = −expm1(−z),
 * z̄ = ḡ (1 − y) (= ḡ e^{−z}), τ̄_i = z̄ w_i, w̄_i = Σ_s z̄ τ_i; τ̄ goes back to v, rate, logA.
 * The weight is a per-cloud tensor or one constant (1 under the constant-column-density
 * assumption, where w τ = τ exactly).
 */
import { applyPrimitive, type Primitive, reshape, slice, type Tensor } from "@sidereal/tensor";
import {
  accumulateTauGradient,
  checkCloudShapes,
  emptyTauScratch,
  gaussianTau,
  type TauScratch,
} from "./fused-tau.js";

interface AbsorptionAttrs {
  readonly key: string;
  readonly axis: Float64Array;
  /** The weight when it is a constant (then it is not an input). */
  readonly constantWeight: number | null;
  readonly scratch: TauScratch;
  readonly work: { tauBar: Float64Array };
}

/** Σ_i w_i τ_si of channel row `row` (in cloud order, as the tensor `sum` adds). */
function depth(tau: Float64Array, row: number, n: number, w: Float64Array | null, cw: number) {
  let z = 0;
  for (let i = 0; i < n; i++) z += tau[row + i] * (w === null ? cw : w[i]);
  return z;
}

const ABSORPTION_GRAD: Primitive<AbsorptionAttrs> = {
  name: "hiAbsorptionSpectrumGrad",
  nondifferentiable: true,
  outShape: ([, v], a) => [a.constantWeight === null ? 4 : 3, v[0]],
  run: ([g, v, rate, logA, w], _s, out, _o, a) => {
    const n = v.length;
    const x = a.axis;
    const weights = a.constantWeight === null ? w : null;
    const cw = a.constantWeight ?? 1;
    const { tau } = gaussianTau(x, v, rate, logA, a.scratch, false);
    if (a.work.tauBar.length !== tau.length) a.work.tauBar = new Float64Array(tau.length);
    const tauBar = a.work.tauBar;
    out.fill(0);
    for (let s = 0; s < x.length; s++) {
      const row = s * n;
      const zBar = g[s] * (Math.expm1(-depth(tau, row, n, weights, cw)) + 1);
      for (let i = 0; i < n; i++) {
        tauBar[row + i] = zBar * (weights === null ? cw : weights[i]);
        if (weights !== null) out[3 * n + i] += zBar * tau[row + i];
      }
    }
    accumulateTauGradient(x, v, rate, tau, tauBar, out);
  },
  attrsKey: (a) => a.key,
};

const ABSORPTION: Primitive<AbsorptionAttrs> = {
  name: "hiAbsorptionSpectrum",
  outShape: (shapes, a) => {
    checkCloudShapes(shapes, "absorptionSpectrumFused");
    return [a.axis.length];
  },
  run: ([v, rate, logA, w], _s, out, _o, a) => {
    const n = v.length;
    const { tau } = gaussianTau(a.axis, v, rate, logA, a.scratch, false);
    const weights = a.constantWeight === null ? w : null;
    const cw = a.constantWeight ?? 1;
    for (let s = 0; s < a.axis.length; s++)
      out[s] = -Math.expm1(-depth(tau, s * n, n, weights, cw));
  },
  vjp: (g, inputs, _o, a) => {
    const all = applyPrimitive(ABSORPTION_GRAD, [g, ...inputs], a);
    const n = inputs[0].shape[0];
    return inputs.map((_, r) => reshape(slice(all, [[r, r + 1]]), [n]));
  },
  attrsKey: (a) => a.key,
};

let nextId = 0;

/**
 * 1 − exp(−Σ_i w_i τ_i) [S] on `axis` for N Gaussian clouds (see the module doc); `weight` is
 * an [N] tensor or a constant.
 */
export function absorptionSpectrumFused(
  axis: Float64Array,
  velocity: Tensor,
  rate: Tensor,
  logAmplitude: Tensor,
  weight: Tensor | number,
): Tensor {
  const constantWeight = typeof weight === "number" ? weight : null;
  const attrs: AbsorptionAttrs = {
    key: `hiAbsorption#${nextId++}`,
    axis,
    constantWeight,
    scratch: emptyTauScratch(),
    work: { tauBar: new Float64Array(0) },
  };
  const inputs = [velocity, rate, logAmplitude];
  if (typeof weight !== "number") inputs.push(weight);
  return applyPrimitive(ABSORPTION, inputs, attrs);
}
