/**
 * The emission spectrum of N Gaussian clouds as one tensor primitive: the S×N optical depths
 * (`fused-tau.ts`) and caribou_hi's radiative transfer (`radiativeTransferTensor`) in one loop
 * over channels, with its reverse-mode rule written out. It replaces about forty S-sized tensor
 * passes (and their broadcast reductions) of the graph in the model's likelihood.
 *
 * Per channel, with b_i = 1 − e^{−τ_i}, c_i = f_i T_s,i, a_i = 1 − f_i b_i and A_i = Π_{j<i} a_j:
 *   T_B = Σ_i c_i b_i A_i − T_bg (1 − A_N),
 * evaluated in the same order as `radiativeTransferTensor` (same numbers). The VJP runs the
 * recurrence backwards: Ā_N = ḡ T_bg; for i = N−1 … 0, ḡ_{own} = ḡ A_i, ā_i = Ā_{i+1} A_i,
 * Ā_i = Ā_{i+1} a_i + ḡ c_i b_i; b̄_i = ḡ_{own} c_i − ā_i f_i, f̄_i += ḡ_{own} T_s,i b_i − ā_i b_i,
 * T̄_s,i += ḡ_{own} f_i b_i, τ̄_i = b̄_i (1 − b_i) (= b̄ e^{−τ}); then τ̄ goes back to v, rate, logA.
 */
import { applyPrimitive, type Primitive, reshape, slice, type Tensor } from "@sidereal/tensor";
import {
  accumulateTauGradient,
  checkCloudShapes,
  emptyTauScratch,
  gaussianTau,
  type TauScratch,
} from "./fused-tau.js";

interface EmissionAttrs {
  readonly key: string;
  /** The spectral axis [S]. */
  readonly axis: Float64Array;
  readonly bgTemp: number;
  readonly scratch: TauScratch;
  /** τ̄ (S×N) of the VJP and the attenuation before each cloud (N). */
  readonly work: { tauBar: Float64Array; before: Float64Array };
}

/** ∂T_B/∂(v, rate, logA, T_s, f) contracted with ḡ, as rows of a [5, N] output. */
const EMISSION_GRAD: Primitive<EmissionAttrs> = {
  name: "hiEmissionSpectrumGrad",
  nondifferentiable: true,
  outShape: ([, v]) => [5, v[0]],
  run: ([g, v, rate, logA, ts, f], _s, out, _o, a) => {
    const n = v.length;
    const x = a.axis;
    const { tau, absorbed } = gaussianTau(x, v, rate, logA, a.scratch, true);
    if (a.work.tauBar.length !== tau.length) a.work.tauBar = new Float64Array(tau.length);
    if (a.work.before.length !== n) a.work.before = new Float64Array(n);
    const { tauBar, before } = a.work;
    out.fill(0);
    for (let s = 0; s < x.length; s++) {
      const row = s * n;
      const gs = g[s];
      // the attenuation in front of each cloud (A_0 = 1), as the forward pass builds it
      let att = 1;
      for (let i = 0; i < n; i++) {
        before[i] = att;
        const ai = 1 - f[i] * absorbed[row + i];
        att = i === 0 ? ai : att * ai;
      }
      let attBar = gs * a.bgTemp;
      for (let i = n - 1; i >= 0; i--) {
        const b = absorbed[row + i];
        const c = f[i] * ts[i];
        const ownBar = i === 0 ? gs : gs * before[i];
        const aBar = i === 0 ? attBar : attBar * before[i];
        if (i > 0) attBar = attBar * (1 - f[i] * b) + gs * (c * b);
        const bBar = ownBar * c - aBar * f[i];
        const cBar = ownBar * b;
        out[3 * n + i] += cBar * f[i];
        out[4 * n + i] += cBar * ts[i] - aBar * b;
        tauBar[row + i] = bBar * (1 - b);
      }
    }
    accumulateTauGradient(x, v, rate, tau, tauBar, out);
  },
  attrsKey: (a) => a.key,
};

const EMISSION: Primitive<EmissionAttrs> = {
  name: "hiEmissionSpectrum",
  outShape: (shapes, a) => {
    checkCloudShapes(shapes, "emissionSpectrumFused");
    return [a.axis.length];
  },
  run: ([v, rate, logA, ts, f], _s, out, _o, a) => {
    const n = v.length;
    const x = a.axis;
    const { absorbed } = gaussianTau(x, v, rate, logA, a.scratch, true);
    const negBg = -a.bgTemp;
    for (let s = 0; s < x.length; s++) {
      const row = s * n;
      let emitted = 0;
      let att = 1;
      for (let i = 0; i < n; i++) {
        const b = absorbed[row + i];
        const own = f[i] * ts[i] * b;
        const ai = 1 - f[i] * b;
        if (i === 0) {
          emitted = own;
          att = ai;
        } else {
          emitted = emitted + own * att;
          att = att * ai;
        }
      }
      out[s] = emitted + negBg * (1 - att);
    }
  },
  vjp: (g, inputs, _o, a) => {
    const all = applyPrimitive(EMISSION_GRAD, [g, ...inputs], a);
    const n = inputs[0].shape[0];
    return [0, 1, 2, 3, 4].map((r) => reshape(slice(all, [[r, r + 1]]), [n]));
  },
  attrsKey: (a) => a.key,
};

let nextId = 0;

/**
 * T_B [S] (K) of N clouds with Gaussian optical depths on `axis`, ordered nearest first, in
 * front of a background `bgTemp` (see the module doc). `velocity`, `rate`, `logAmplitude`
 * (from `gaussianTauCoefficients`), `tspin` and `fillingFactor` are [N] tensors.
 */
export function emissionSpectrumFused(
  axis: Float64Array,
  velocity: Tensor,
  rate: Tensor,
  logAmplitude: Tensor,
  tspin: Tensor,
  fillingFactor: Tensor,
  bgTemp: number,
): Tensor {
  const attrs: EmissionAttrs = {
    key: `hiEmission#${nextId++}`,
    axis,
    bgTemp,
    scratch: emptyTauScratch(),
    work: { tauBar: new Float64Array(0), before: new Float64Array(0) },
  };
  return applyPrimitive(EMISSION, [velocity, rate, logAmplitude, tspin, fillingFactor], attrs);
}
