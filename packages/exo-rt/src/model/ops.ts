/**
 * Tensor primitives for the opacity steps that depend on the layer temperatures:
 * PreMODIT's xsmatrix and the CIA log-coefficient matrix. Their reverse-mode rules use
 * exact per-layer temperature derivatives (a layer's cross section depends only on its
 * own temperature, so the Jacobian is block-diagonal and one forward-mode tangent per
 * layer gives the vector-Jacobian product). They run as kernels inside `compile`.
 */
import {
  applyPrimitive,
  mul,
  type Primitive,
  sum,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { ExoInputError } from "../errors.js";
import { type CdbCIA, ciaColumns, logaciaRow } from "../opacity/cia.js";
import type { OpaPremodit } from "../opacity/premodit.js";

let nextId = 0;

interface PremoditAttrs {
  readonly key: string;
  readonly opa: OpaPremodit;
  readonly pressure: Float64Array;
}

const PREMODIT_XSMATRIX_VJP: Primitive<PremoditAttrs> = {
  name: "premoditXsmatrixVjp",
  nondifferentiable: true,
  outShape: ([, t]) => [t[0]],
  run: ([g, t], _s, out, _o, a) => {
    a.opa.vjpTemperature(t, a.pressure, g, out);
  },
  attrsKey: (a) => a.key,
};

const PREMODIT_XSMATRIX: Primitive<PremoditAttrs> = {
  name: "premoditXsmatrix",
  outShape: ([t], a) => [t[0], a.opa.nuGrid.length],
  run: ([t], _s, out, _o, a) => {
    a.opa.xsmatrix(t, a.pressure, out);
  },
  vjp: (g, [t], _o, a) => [applyPrimitive(PREMODIT_XSMATRIX_VJP, [g, t], a)],
  attrsKey: (a) => a.key,
};

/**
 * A differentiable PreMODIT xsmatrix at fixed layer pressures: `(Tarr) → (Nlayer, Nnu)`
 * cross sections (cm²).
 */
export function premoditXsmatrixOp(
  opa: OpaPremodit,
  pressure: Float64Array,
): (tarr: TensorLike) => Tensor {
  opa.enableSpectrumCache(pressure.length);
  const attrs: PremoditAttrs = { key: `premodit#${nextId++}`, opa, pressure };
  return (tarr) => {
    const t = toTensor(tarr);
    if (t.rank !== 1 || t.size !== pressure.length)
      throw new ExoInputError({
        fn: "premoditXsmatrix",
        argument: "tarr",
        value: `shape [${t.shape}]`,
        reason: `expected [${pressure.length}]`,
      });
    return applyPrimitive(PREMODIT_XSMATRIX, [t], attrs);
  };
}

interface ClippedAttrs extends PremoditAttrs {
  readonly lo: number;
  readonly hi: number;
  /** Clipped temperatures and the 0/1 mask of layers inside [lo, hi] (reused buffers). */
  readonly clipped: Float64Array;
  readonly active: Float64Array;
}

function clipInto(traw: Float64Array, a: ClippedAttrs): void {
  for (let i = 0; i < traw.length; i++) {
    const t = traw[i];
    a.clipped[i] = Math.min(Math.max(t, a.lo), a.hi);
    a.active[i] = t >= a.lo && t <= a.hi ? 1 : 0;
  }
}

const PREMODIT_CLIPPED_VJP: Primitive<ClippedAttrs> = {
  name: "premoditXsmatrixClippedVjp",
  nondifferentiable: true,
  outShape: ([, t]) => [t[0]],
  run: ([g, t], _s, out, _o, a) => {
    clipInto(t, a);
    a.opa.vjpTemperature(a.clipped, a.pressure, g, out, a.active);
  },
  attrsKey: (a) => a.key,
};

const PREMODIT_CLIPPED: Primitive<ClippedAttrs> = {
  name: "premoditXsmatrixClipped",
  outShape: ([t], a) => [t[0], a.opa.nuGrid.length],
  run: ([t], _s, out, _o, a) => {
    clipInto(t, a);
    a.opa.xsmatrix(a.clipped, a.pressure, out);
  },
  vjp: (g, [t], _o, a) => [applyPrimitive(PREMODIT_CLIPPED_VJP, [g, t], a)],
  attrsKey: (a) => a.key,
};

/**
 * `xsmatrix(clip(traw, lo, hi))` as one primitive. The composition is the same function as
 * `premoditXsmatrixOp` after a `clip`, but its gradient skips the layers whose temperature
 * is clipped (their derivative is zero), which a separate `clip` cannot tell the opacity:
 * in the seed's atmosphere a quarter of the layers sit at the lower limit. At a raw
 * temperature exactly on a limit the derivative is taken from inside (one-sided).
 */
export function premoditXsmatrixClippedOp(
  opa: OpaPremodit,
  pressure: Float64Array,
  lo: number,
  hi: number,
): (traw: TensorLike) => Tensor {
  opa.enableSpectrumCache(pressure.length);
  const attrs: ClippedAttrs = {
    key: `premoditClipped#${nextId++}`,
    opa,
    pressure,
    lo,
    hi,
    clipped: new Float64Array(pressure.length),
    active: new Float64Array(pressure.length),
  };
  return (traw) => {
    const t = toTensor(traw);
    if (t.rank !== 1 || t.size !== pressure.length)
      throw new ExoInputError({
        fn: "premoditXsmatrixClipped",
        argument: "traw",
        value: `shape [${t.shape}]`,
        reason: `expected [${pressure.length}]`,
      });
    return applyPrimitive(PREMODIT_CLIPPED, [t], attrs);
  };
}

interface CiaAttrs {
  readonly key: string;
  readonly cdb: CdbCIA;
  readonly columns: Int32Array;
}

const LOGACIA_SLOPE: Primitive<CiaAttrs> = {
  name: "logaciaSlope",
  nondifferentiable: true,
  outShape: ([t], a) => [t[0], a.columns.length],
  run: ([t], _s, out, _o, a) => {
    const n = a.columns.length;
    for (let i = 0; i < t.length; i++) logaciaRow(a.cdb, a.columns, t[i], out, i * n, true);
  },
  attrsKey: (a) => a.key,
};

const LOGACIA: Primitive<CiaAttrs> = {
  name: "logaciaMatrix",
  outShape: ([t], a) => [t[0], a.columns.length],
  run: ([t], _s, out, _o, a) => {
    const n = a.columns.length;
    for (let i = 0; i < t.length; i++) logaciaRow(a.cdb, a.columns, t[i], out, i * n);
  },
  vjp: (g, [t], _o, a) => [sum(mul(g, applyPrimitive(LOGACIA_SLOPE, [t], a)), 1)],
  attrsKey: (a) => a.key,
};

/** A differentiable `logacia_matrix`: `(Tarr) → (Nlayer, Nnu)` log10 α (cm⁵). */
export function logaciaMatrixOp(cdb: CdbCIA, nuGrid: Float64Array): (tarr: TensorLike) => Tensor {
  const attrs: CiaAttrs = { key: `cia#${nextId++}`, cdb, columns: ciaColumns(cdb, nuGrid) };
  return (tarr) => applyPrimitive(LOGACIA, [toTensor(tarr)], attrs);
}
