/**
 * Guide parameters and their constraints. The optimizer works on one flat unconstrained
 * vector φ; each named parameter is a block of φ mapped to its constrained value by
 *
 * - `real`: identity;
 * - `positive`: softplus, x = log(1 + eᶠ) (NumPyro's `softplus_positive`);
 * - `{ support }`: x = bijectTo(support).forward(φ);
 * - `lowerCholesky`: a packed block of d(d+1)/2 numbers ↦ the d×d lower-triangular L: first the
 *   d(d−1)/2 entries below the diagonal, row by row (L_10, L_20, L_21, …), then the d raw
 *   diagonal entries r_i with L_ii = softplus(r_i); zeros above the diagonal. This is NumPyro's
 *   `SoftplusLowerCholeskyTransform` layout (numpyro/distributions/transforms.py): no unused
 *   numbers in φ, which matters for AutoMultivariateNormal with thousands of latent dimensions.
 *
 * `toConstrained` is traceable (tensor ops); `toUnconstrained` is its numeric inverse and
 * throws an `SviError` ("bad-argument") for values outside the constraint.
 */
import { bijectTo, type Constraint } from "@sidereal/distributions";
import {
  concat,
  reshape,
  type Shape,
  sizeOf,
  slice,
  softplus,
  type Tensor,
  take,
  tensor,
  zeros,
} from "@sidereal/tensor";
import { SviError } from "./errors.js";

/**
 * Constraint of a guide parameter; `{ support }` maps through `bijectTo(support)` (AutoDelta's
 * locations live in the support of their site, as NumPyro's).
 */
export type ParamConstraint =
  | "real"
  | "positive"
  | "lowerCholesky"
  | { readonly support: Constraint };

/** One named guide parameter: shape, constraint and constrained initial value. */
export interface ParamSpec {
  readonly name: string;
  /** Shape of the constrained value. */
  readonly shape: Shape;
  /** Shape of the unconstrained block when it differs (`{ support }` of e.g. a simplex). */
  readonly rawShape?: Shape;
  readonly constraint: ParamConstraint;
  /** Constrained initial value (row-major, `sizeOf(shape)` numbers). */
  readonly init: Float64Array;
}

/** Numerically stable inverse softplus: log(eʸ − 1) = y + log(1 − e⁻ʸ). */
export function softplusInverse(y: number): number {
  return y > 30 ? y : y + Math.log(-Math.expm1(-y));
}

/**
 * softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), the same stable branch as the
 * `softplus` op of @sidereal/tensor (so hand-written paths agree with traced ones).
 */
export function softplusScalar(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** σ(x) = 1/(1 + e⁻ˣ) (the derivative of softplus) without overflow, as the `sigmoid` op. */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Shape of the unconstrained block of a parameter. */
export function rawShapeOf(spec: ParamSpec): Shape {
  return spec.rawShape ?? spec.shape;
}

/** Length of the packed unconstrained block of a d×d `lowerCholesky` parameter. */
export const packedTrilSize = (d: number): number => (d * (d + 1)) / 2;

/** Index of L_ij (j < i) in the packed block (the diagonal r_i is at d(d−1)/2 + i). */
export const packedTrilIndex = (i: number, j: number): number => (i * (i - 1)) / 2 + j;

/** For every entry of the d×d matrix (row-major), its index in [packed…, 0] (see the module doc). */
function trilGatherIndex(d: number): Tensor {
  const idx = new Float64Array(d * d);
  const diag0 = packedTrilSize(d) - d;
  const zero = packedTrilSize(d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      idx[i * d + j] = j < i ? packedTrilIndex(i, j) : j === i ? diag0 + i : zero;
  return tensor(idx, [d * d]);
}

/** Constrained value of one parameter from its unconstrained block (traceable). */
export function constrainParam(spec: ParamSpec, raw: Tensor): Tensor {
  if (typeof spec.constraint === "object") return bijectTo(spec.constraint.support).forward(raw);
  switch (spec.constraint) {
    case "real":
      return raw;
    case "positive":
      return softplus(raw);
    case "lowerCholesky": {
      const d = spec.shape[spec.shape.length - 1];
      const m = packedTrilSize(d);
      const entries = concat([
        slice(raw, [[0, m - d]]),
        softplus(slice(raw, [[m - d, m]])),
        zeros([1]),
      ]);
      return reshape(take(entries, trilGatherIndex(d)), [d, d]);
    }
  }
}

/** Unconstrained block of a constrained value (numeric inverse of {@link constrainParam}). */
export function unconstrainParam(spec: ParamSpec, value: Float64Array): Float64Array {
  const c = spec.constraint;
  const label = typeof c === "object" ? c.support.name : c;
  const bad = (i: number) =>
    new SviError(
      "bad-argument",
      spec.name,
      `guide parameter "${spec.name}" (${label}) has an invalid value ${value[i]} at index ${i}`,
    );
  if (typeof c === "object") {
    const u = bijectTo(c.support).inverse(tensor(value, spec.shape)).toArray();
    const i = u.findIndex((x) => !Number.isFinite(x));
    if (i >= 0 || u.length !== sizeOf(rawShapeOf(spec))) throw bad(Math.max(i, 0));
    return u;
  }
  switch (c) {
    case "real": {
      const out = new Float64Array(value.length);
      for (let i = 0; i < value.length; i++) {
        if (!Number.isFinite(value[i])) throw bad(i);
        out[i] = value[i];
      }
      return out;
    }
    case "positive": {
      const out = new Float64Array(value.length);
      for (let i = 0; i < value.length; i++) {
        if (!(value[i] > 0 && Number.isFinite(value[i]))) throw bad(i);
        out[i] = softplusInverse(value[i]);
      }
      return out;
    }
    case "lowerCholesky": {
      const d = spec.shape[spec.shape.length - 1];
      const packed = new Float64Array(packedTrilSize(d));
      const diag0 = packed.length - d;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          const k = i * d + j;
          if (!Number.isFinite(value[k])) throw bad(k);
          if (j < i) packed[packedTrilIndex(i, j)] = value[k];
          else if (j === i) {
            if (!(value[k] > 0)) throw bad(k);
            packed[diag0 + i] = softplusInverse(value[k]);
          }
        }
      return packed;
    }
  }
}

/** Layout of the flat unconstrained vector φ over `specs` (in order). */
export interface ParamLayout {
  readonly specs: readonly ParamSpec[];
  readonly offsets: readonly number[];
  readonly size: number;
}

/** Builds the flat layout of `specs`. */
export function paramLayout(specs: readonly ParamSpec[]): ParamLayout {
  const offsets: number[] = [];
  let size = 0;
  for (const s of specs) {
    offsets.push(size);
    size += sizeOf(rawShapeOf(s));
  }
  return { specs, offsets, size };
}

/** Checks the length of φ (a typed error instead of a silent misread). */
export function checkPhiLength(phi: Float64Array, layout: ParamLayout): void {
  if (phi.length !== layout.size)
    throw new SviError(
      "bad-argument",
      "params",
      `φ has length ${phi.length}, expected ${layout.size}`,
    );
}

/** Initial flat unconstrained φ of a layout. */
export function initialFlat(layout: ParamLayout): Float64Array {
  const phi = new Float64Array(layout.size);
  layout.specs.forEach((s, k) => {
    phi.set(unconstrainParam(s, s.init), layout.offsets[k]);
  });
  return phi;
}

/** Unconstrained blocks of φ as tensors (one per spec). */
export function splitFlat(layout: ParamLayout, phi: Float64Array): Tensor[] {
  return layout.specs.map((s, k) => {
    const shape = rawShapeOf(s);
    return tensor(phi.slice(layout.offsets[k], layout.offsets[k] + sizeOf(shape)), shape);
  });
}

/** Constrained parameters by name from φ (numeric). */
export function constrainedParams(layout: ParamLayout, phi: Float64Array): Record<string, Tensor> {
  const raws = splitFlat(layout, phi);
  const out: Record<string, Tensor> = {};
  layout.specs.forEach((s, k) => {
    out[s.name] = constrainParam(s, raws[k]);
  });
  return out;
}

/** Flat φ from constrained parameters by name (every spec must be present). */
export function flatFromParams(
  layout: ParamLayout,
  params: Readonly<Record<string, Tensor>>,
): Float64Array {
  const phi = new Float64Array(layout.size);
  layout.specs.forEach((s, k) => {
    const v = params[s.name];
    if (v === undefined)
      throw new SviError("bad-argument", s.name, `missing guide parameter "${s.name}"`);
    if (v.size !== sizeOf(s.shape))
      throw new SviError(
        "bad-argument",
        s.name,
        `guide parameter "${s.name}" has ${v.size} elements, expected shape [${s.shape.join(", ")}]`,
      );
    phi.set(unconstrainParam(s, v.toArray()), layout.offsets[k]);
  });
  return phi;
}
