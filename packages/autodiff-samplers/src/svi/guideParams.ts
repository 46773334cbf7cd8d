/**
 * Guide parameters and their constraints. The optimizer works on one flat unconstrained
 * vector φ; each named parameter is a block of φ mapped to its constrained value by
 *
 * - `real`: identity;
 * - `positive`: softplus, x = log(1 + eᶠ) (NumPyro's `softplus_positive`);
 * - `{ support }`: x = bijectTo(support).forward(φ);
 * - `lowerCholesky`: a d×d block R ↦ L with L_ij = R_ij below the diagonal, L_ii = softplus(R_ii),
 *   zeros above (entries of R above the diagonal are unused and get zero gradient).
 *
 * `toConstrained` is traceable (tensor ops); `toUnconstrained` is its numeric inverse and
 * throws an `SviError` ("bad-argument") for values outside the constraint.
 */
import { bijectTo, type Constraint } from "@sidereal/distributions";
import {
  add,
  eye,
  mul,
  type Shape,
  sizeOf,
  softplus,
  sum,
  type Tensor,
  tensor,
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

/** Shape of the unconstrained block of a parameter. */
export function rawShapeOf(spec: ParamSpec): Shape {
  return spec.rawShape ?? spec.shape;
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
      const strict = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) strict[i * d + j] = 1;
      const id = eye(d);
      const diag = sum(mul(raw, id), -1, true); // [d, 1]
      return add(mul(raw, tensor(strict, [d, d])), mul(id, softplus(diag)));
    }
  }
}

/** Unconstrained block of a constrained value (numeric inverse of {@link constrainParam}). */
export function unconstrainParam(spec: ParamSpec, value: Float64Array): Float64Array {
  const out = new Float64Array(value.length);
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
    case "real":
      for (let i = 0; i < value.length; i++) {
        if (!Number.isFinite(value[i])) throw bad(i);
        out[i] = value[i];
      }
      return out;
    case "positive":
      for (let i = 0; i < value.length; i++) {
        if (!(value[i] > 0 && Number.isFinite(value[i]))) throw bad(i);
        out[i] = softplusInverse(value[i]);
      }
      return out;
    case "lowerCholesky": {
      const d = spec.shape[spec.shape.length - 1];
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          const k = i * d + j;
          if (!Number.isFinite(value[k])) throw bad(k);
          if (j < i) out[k] = value[k];
          else if (j === i) {
            if (!(value[k] > 0)) throw bad(k);
            out[k] = softplusInverse(value[k]);
          }
        }
      return out;
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
