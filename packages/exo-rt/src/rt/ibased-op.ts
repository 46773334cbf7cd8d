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
  readonly scratch: {
    e: Float64Array;
    tau: Float64Array;
    w: Float64Array;
    /** The dtau that `e` (and, when `wValid`, `w`) were computed from. */
    key: Float64Array;
    eValid: boolean;
    wValid: boolean;
  };
}

/** True when `key` holds exactly the values of `dtau` (NaN never matches: recompute). */
function sameValues(key: Float64Array, dtau: Float64Array): boolean {
  if (key.length !== dtau.length) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== dtau[i]) return false;
  return true;
}

/**
 * Transmissions E_ijk = exp(−τ_ik/μ_j) for all layers, streams and wavenumbers, into a
 * reusable (Nstream × Nlayer × Nnu) buffer. The flux and both parts of its gradient need
 * the same sweep (Nstream × Nlayer × Nnu exponentials, the RT's whole cost), so it is kept
 * with a copy of the dtau it came from and reused while dtau is unchanged: a value and
 * gradient evaluation pays for it once instead of three times.
 */
function transmissions(dtau: Float64Array, nl: number, n: number, a: StreamAttrs): Float64Array {
  const ns = a.mu.length;
  const size = ns * nl * n;
  const sc = a.scratch;
  if (sc.eValid && sc.e.length === size && sameValues(sc.key, dtau)) return sc.e;
  if (sc.e.length !== size) {
    sc.e = new Float64Array(size);
    sc.tau = new Float64Array(n);
    sc.key = new Float64Array(nl * n);
  }
  sc.eValid = false;
  sc.wValid = false;
  const e = sc.e;
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
  sc.key.set(dtau);
  sc.eValid = true;
  return e;
}

/**
 * Layer weights W_ik = Σ_j c_j (E_{i−1,jk} − E_ijk) (E_{−1} = 1) (Nlayer × Nnu), kept in
 * the scratch alongside the transmissions: the flux is Σ_i B_ik W_ik and ∂F_k/∂B_ik = W_ik.
 */
function layerWeights(dtau: Float64Array, nl: number, n: number, a: StreamAttrs): Float64Array {
  const e = transmissions(dtau, nl, n, a);
  const sc = a.scratch;
  if (sc.w.length !== nl * n) {
    sc.w = new Float64Array(nl * n);
    sc.wValid = false;
  }
  const out = sc.w;
  if (sc.wValid) return out;
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
  sc.wValid = true;
  return out;
}

const IBASED_GRAD_SOURCE: Primitive<StreamAttrs> = {
  name: "ibasedFluxGradSource",
  nondifferentiable: true,
  outShape: ([, d]) => d,
  run: ([g, dtau], [, s], out, _o, a) => {
    const [nl, n] = s;
    const w = layerWeights(dtau, nl, n, a);
    for (let i = 0; i < nl; i++) for (let k = 0; k < n; k++) out[i * n + k] = w[i * n + k] * g[k];
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
    const w = layerWeights(dtau, nl, n, a);
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
    scratch: {
      e: new Float64Array(0),
      tau: new Float64Array(0),
      w: new Float64Array(0),
      key: new Float64Array(0),
      eValid: false,
      wValid: false,
    },
  };
  return (dtau, source) => applyPrimitive(IBASED_FLUX, [dtau, source], attrs);
}
