/**
 * Shared helpers of the flow modules: the parameter-record type, shape descriptors,
 * argument validation and the batch reshaping of inputs `[..., dim]`.
 */
import { reshape, type Shape, type Tensor } from "@sidereal/tensor";
import { FlowError } from "./errors.js";

/** Named parameter tensors of a flow (all unconstrained reals). */
export interface FlowParams {
  readonly [name: string]: Tensor;
}

/** Name and shape of one flow parameter, in the canonical order of the flow. */
export interface FlowParamShape {
  readonly name: string;
  readonly shape: Shape;
}

/** Output of a flow: `y = T(z)` and `log|det ∂T/∂z|` per batch element. */
export interface FlowOutput {
  /** Transformed points, same shape as the input `[..., dim]`. */
  readonly y: Tensor;
  /** log |det J| for each point, shape `[...]` (the batch shape). */
  readonly logDetJacobian: Tensor;
}

/** Throws a `FlowError` ("bad-dimension") unless `dim` is an integer ≥ `min`. */
export function checkDim(dim: number, min: number, flow: string): void {
  if (!Number.isInteger(dim) || dim < min)
    throw new FlowError(
      "bad-dimension",
      "dim",
      `${flow}: dim must be an integer >= ${min}, got ${dim}`,
    );
}

/** Throws a `FlowError` ("bad-option") unless every size is a positive integer. */
export function checkSizes(sizes: readonly number[], option: string, flow: string): void {
  for (const s of sizes)
    if (!Number.isInteger(s) || s < 1)
      throw new FlowError(
        "bad-option",
        option,
        `${flow}: ${option} must hold positive integers, got [${sizes.join(", ")}]`,
      );
}

/** Throws a `FlowError` ("bad-option") unless `n` is a positive integer. */
export function checkCount(n: number, option: string, flow: string): void {
  if (!Number.isInteger(n) || n < 1)
    throw new FlowError(
      "bad-option",
      option,
      `${flow}: ${option} must be a positive integer, got ${n}`,
    );
}

/** Looks up a parameter and checks its shape; throws a `FlowError` otherwise. */
export function getParam(params: FlowParams, spec: FlowParamShape, flow: string): Tensor {
  const t = params[spec.name];
  if (t === undefined)
    throw new FlowError(
      "missing-parameter",
      spec.name,
      `${flow}: parameter "${spec.name}" is missing`,
    );
  if (t.shape.length !== spec.shape.length || t.shape.some((d, i) => d !== spec.shape[i]))
    throw new FlowError(
      "bad-shape",
      spec.name,
      `${flow}: parameter "${spec.name}" has shape [${t.shape.join(", ")}], expected [${spec.shape.join(", ")}]`,
    );
  return t;
}

/**
 * Flattens an input `[..., dim]` to `[n, dim]`; returns it with the batch shape `[...]`.
 * Throws a `FlowError` ("bad-shape") when the last axis is not `dim`.
 */
export function flattenBatch(
  z: Tensor,
  dim: number,
  flow: string,
): { readonly z2: Tensor; readonly batchShape: Shape } {
  if (z.shape.length < 1 || z.shape[z.shape.length - 1] !== dim)
    throw new FlowError(
      "bad-shape",
      "z",
      `${flow}: input must have shape [..., ${dim}], got [${z.shape.join(", ")}]`,
    );
  const batchShape = z.shape.slice(0, -1);
  const n = batchShape.reduce((p, d) => p * d, 1);
  return { z2: reshape(z, [n, dim]), batchShape };
}

/** The last-axis size of an input `[..., dim]`; throws a `FlowError` ("bad-shape") for a scalar. */
export function inputDim(z: Tensor, flow: string): number {
  if (z.shape.length < 1)
    throw new FlowError(
      "bad-shape",
      "z",
      `${flow}: input must have shape [..., dim], got a scalar`,
    );
  return z.shape[z.shape.length - 1];
}
