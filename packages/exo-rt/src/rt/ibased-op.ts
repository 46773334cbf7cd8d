/**
 * The intensity-based n-stream solver as one tensor primitive (research/exojax.md §7.6):
 *
 *   F_k = Σ_j c_j Σ_i B_ik (E_{i−1,jk} − E_ijk),  E_ijk = exp(−τ_ik/μ_j),  c_j = 2 μ_j w_j,
 *
 * with τ the cumulative optical depth. Its reverse-mode rule is written out:
 * ∂F_k/∂B_ik = Σ_j c_j (E_{i−1} − E_i) and ∂F_k/∂dτ_mk = Σ_{i≥m} Σ_j c_j E_ij (B_ik − B_{i+1,k})/μ_j.
 * One fused loop over (layer, wavenumber, stream) replaces a dozen (Nlayer × Nnu) tensor
 * passes per stream, in the forward pass and in the gradient.
 */
import { applyPrimitive, type Primitive, type Tensor } from "@sidereal/tensor";

interface StreamAttrs {
  readonly key: string;
  readonly mu: Float64Array;
  readonly coef: Float64Array;
  readonly scratch: { e: Float64Array; tau: Float64Array; w: Float64Array };
}

/**
 * Transmissions E_ijk = exp(−τ_ik/μ_j) for all layers, streams and wavenumbers, into a
 * reusable (Nstream × Nlayer × Nnu) buffer: the three kernels below share this sweep.
 */
function transmissions(dtau: Float64Array, nl: number, n: number, a: StreamAttrs): Float64Array {
  const ns = a.mu.length;
  const size = ns * nl * n;
  if (a.scratch.e.length !== size) {
    a.scratch.e = new Float64Array(size);
    a.scratch.tau = new Float64Array(n);
  }
  const e = a.scratch.e;
  const tau = a.scratch.tau;
  tau.fill(0);
  for (let i = 0; i < nl; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) tau[k] += dtau[row + k];
    for (let j = 0; j < ns; j++) {
      const inv = -1 / a.mu[j];
      const off = (j * nl + i) * n;
      for (let k = 0; k < n; k++) e[off + k] = Math.exp(tau[k] * inv);
    }
  }
  return e;
}

/**
 * Layer weights W_ik = Σ_j c_j (E_{i−1,jk} − E_ijk) (E_{−1} = 1) into `out` (Nlayer × Nnu):
 * the flux is Σ_i B_ik W_ik and ∂F_k/∂B_ik = W_ik.
 */
function layerWeights(
  dtau: Float64Array,
  nl: number,
  n: number,
  a: StreamAttrs,
  out: Float64Array,
): void {
  const e = transmissions(dtau, nl, n, a);
  out.fill(0);
  for (let j = 0; j < a.mu.length; j++) {
    const c = a.coef[j];
    for (let i = 0; i < nl; i++) {
      const cur = (j * nl + i) * n;
      const prev = cur - n;
      const row = i * n;
      for (let k = 0; k < n; k++) out[row + k] += c * ((i > 0 ? e[prev + k] : 1) - e[cur + k]);
    }
  }
}

const IBASED_GRAD_SOURCE: Primitive<StreamAttrs> = {
  name: "ibasedFluxGradSource",
  nondifferentiable: true,
  outShape: ([, d]) => d,
  run: ([g, dtau], [, s], out, _o, a) => {
    const [nl, n] = s;
    layerWeights(dtau, nl, n, a, out);
    for (let i = 0; i < nl; i++) for (let k = 0; k < n; k++) out[i * n + k] *= g[k];
  },
  attrsKey: (a) => a.key,
};

const IBASED_GRAD_DTAU: Primitive<StreamAttrs> = {
  name: "ibasedFluxGradDtau",
  nondifferentiable: true,
  outShape: ([, d]) => d,
  run: ([g, dtau, src], [, s], out, _o, a) => {
    const [nl, n] = s;
    const e = transmissions(dtau, nl, n, a);
    out.fill(0);
    for (let j = 0; j < a.mu.length; j++) {
      const c = a.coef[j] / a.mu[j];
      for (let i = 0; i < nl; i++) {
        const cur = (j * nl + i) * n;
        const row = i * n;
        for (let k = 0; k < n; k++) {
          const next = i + 1 < nl ? src[row + n + k] : 0;
          out[row + k] += c * e[cur + k] * (src[row + k] - next);
        }
      }
    }
    // ∂/∂dτ_m = Σ_{i ≥ m} ∂/∂τ_i, times the cotangent
    for (let i = nl - 2; i >= 0; i--)
      for (let k = 0; k < n; k++) out[i * n + k] += out[(i + 1) * n + k];
    for (let i = 0; i < nl; i++) for (let k = 0; k < n; k++) out[i * n + k] *= g[k];
  },
  attrsKey: (a) => a.key,
};

const IBASED_FLUX: Primitive<StreamAttrs> = {
  name: "ibasedFlux",
  outShape: ([d, b]) => {
    if (d.length !== 2 || b.length !== 2 || d[0] !== b[0] || d[1] !== b[1])
      throw new Error(`ibasedFlux: dtau [${d}] and source [${b}] must be equal (Nlayer, Nnu)`);
    return [d[1]];
  },
  run: ([dtau, src], [s], out, _o, a) => {
    const [nl, n] = s;
    if (a.scratch.w.length !== nl * n) a.scratch.w = new Float64Array(nl * n);
    const w = a.scratch.w;
    layerWeights(dtau, nl, n, a, w);
    out.fill(0);
    for (let i = 0; i < nl; i++)
      for (let k = 0; k < n; k++) out[k] += src[i * n + k] * w[i * n + k];
  },
  vjp: (g, [dtau, src], _o, a) => [
    applyPrimitive(IBASED_GRAD_DTAU, [g, dtau, src], a),
    applyPrimitive(IBASED_GRAD_SOURCE, [g, dtau], a),
  ],
  attrsKey: (a) => a.key,
};

let nextId = 0;

/** An ibased flux function for fixed streams: (dtau, πB) → F, both (Nlayer, Nnu). */
export function ibasedFluxOp(
  mu: Float64Array,
  weight: Float64Array,
): (dtau: Tensor, source: Tensor) => Tensor {
  const attrs: StreamAttrs = {
    key: `ibased#${nextId++}`,
    mu,
    coef: mu.map((m, j) => 2 * m * weight[j]),
    scratch: { e: new Float64Array(0), tau: new Float64Array(0), w: new Float64Array(0) },
  };
  return (dtau, source) => applyPrimitive(IBASED_FLUX, [dtau, source], attrs);
}
