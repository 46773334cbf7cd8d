/**
 * π B_ν(T) in wavenumber units (erg/s/cm²/cm⁻¹), research/exojax.md §7.5, as one tensor
 * primitive over (layer, wavenumber). With a = exp(−x), x = c2 ν/T, πB = F ν³ a/(1 − a),
 * and a comes from `BoltzmannFactors` (one `exp` per 32 wavenumbers); layers at the same
 * temperature (the clipped top of an atmosphere) copy the previous row. Where x < 1 somewhere
 * on the grid, 1 − a would lose digits, and every value takes `expm1` instead.
 * ∂πB/∂T = πB x / (T (1 − a)), summed against the cotangent per layer in the VJP.
 */
import {
  applyPrimitive,
  type Primitive,
  reshape,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { FAC_PLANCK, HC_PER_K } from "../constants.js";
import { BoltzmannFactors } from "../opacity/boltzmann-factors.js";

interface PlanckAttrs {
  readonly key: string;
  readonly c2nu: Float64Array;
  readonly nu3: Float64Array;
  readonly c2numin: number;
  readonly boltz: BoltzmannFactors;
  readonly a: Float64Array;
  readonly q: Float64Array;
}

/** a = exp(−c2ν/T) into attrs.a and 1 − a into attrs.q (from expm1 where x < 1 on the grid). */
function boltzmann(t: number, p: PlanckAttrs): void {
  const n = p.c2nu.length;
  if (p.c2numin / t < 1)
    for (let k = 0; k < n; k++) {
      const x = p.c2nu[k] / t;
      p.a[k] = Math.exp(-x);
      p.q[k] = -Math.expm1(-x);
    }
  else {
    p.boltz.at(t, p.a);
    for (let k = 0; k < n; k++) p.q[k] = 1 - p.a[k];
  }
}

const PI_PLANCK_VJP: Primitive<PlanckAttrs> = {
  name: "piPlanckVjp",
  nondifferentiable: true,
  outShape: ([, t]) => [t[0]],
  run: ([g, t, b], _s, out, _o, p) => {
    const n = p.c2nu.length;
    for (let i = 0; i < t.length; i++) {
      const ti = t[i];
      if (i === 0 || ti !== t[i - 1]) boltzmann(ti, p);
      let s = 0;
      const row = i * n;
      for (let k = 0; k < n; k++) s += (g[row + k] * b[row + k] * p.c2nu[k]) / p.q[k];
      out[i] = s / (ti * ti);
    }
  },
  attrsKey: (p) => p.key,
};

const PI_PLANCK: Primitive<PlanckAttrs> = {
  name: "piPlanck",
  outShape: ([t], p) => [t[0], p.c2nu.length],
  run: ([t], _s, out, _o, p) => {
    const n = p.c2nu.length;
    for (let i = 0; i < t.length; i++) {
      const row = i * n;
      if (i > 0 && t[i] === t[i - 1]) out.copyWithin(row, row - n, row);
      else if (p.c2numin / t[i] < 1)
        for (let k = 0; k < n; k++) out[row + k] = p.nu3[k] / Math.expm1(p.c2nu[k] / t[i]);
      else {
        boltzmann(t[i], p);
        for (let k = 0; k < n; k++) out[row + k] = (p.nu3[k] * p.a[k]) / p.q[k];
      }
    }
  },
  vjp: (g, [t], o, p) => [applyPrimitive(PI_PLANCK_VJP, [g, t, o], p)],
  attrsKey: (p) => p.key,
};

let nextId = 0;
const opsByGrid = new WeakMap<Float64Array, PlanckAttrs>();

function attrsFor(nu: Float64Array): PlanckAttrs {
  const cached = opsByGrid.get(nu);
  if (cached !== undefined) return cached;
  const c2nu = nu.map((v) => HC_PER_K * v);
  const p: PlanckAttrs = {
    key: `piPlanck#${nextId++}`,
    c2nu,
    nu3: nu.map((v) => FAC_PLANCK * v * v * v),
    c2numin: c2nu.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY),
    boltz: new BoltzmannFactors(nu),
    a: new Float64Array(nu.length),
    q: new Float64Array(nu.length),
  };
  opsByGrid.set(nu, p);
  return p;
}

/** πB(T, ν) for temperatures `tarr` (Nlayer) and wavenumbers `nu` (Nnu) → (Nlayer, Nnu). */
export function piPlanck(tarr: TensorLike, nu: Float64Array): Tensor {
  const t = toTensor(tarr);
  return applyPrimitive(PI_PLANCK, [t.rank === 1 ? t : reshape(t, [t.size])], attrsFor(nu));
}

/** πB as a plain number. */
export function piPlanckValue(t: number, nu: number): number {
  return (FAC_PLANCK * nu * nu * nu) / Math.expm1((HC_PER_K * nu) / t);
}
