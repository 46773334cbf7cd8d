/**
 * The backend seam: ops run primitives, and a primitive's kernel is looked up on the
 * active backend first. `cpu` (our Float64Array kernels, attached to each primitive)
 * is the default and the only backend tests require. A `tfjs` backend (float32,
 * `@tensorflow/tfjs`, optionally `@tensorflow/tfjs-node-gpu`) plugs in here by
 * providing kernels for the primitives it accelerates; anything it does not provide
 * falls back to the cpu kernel.
 */
import type { Primitive } from "../core/primitive.js";

export interface Backend {
  readonly name: string;
  /** The floating-point precision of the backend's kernels. */
  readonly precision: "float64" | "float32";
  /** A kernel overriding the primitive's cpu kernel, or undefined to use the cpu kernel. */
  kernel(prim: Primitive): Primitive["run"] | undefined;
}

export const cpuBackend: Backend = {
  name: "cpu",
  precision: "float64",
  kernel: () => undefined,
};

let active: Backend = cpuBackend;

export function getBackend(): Backend {
  return active;
}

/** Sets the active backend; returns the previous one (so callers can restore it). */
export function setBackend(backend: Backend): Backend {
  const prev = active;
  active = backend;
  return prev;
}

/** Runs `f` with `backend` active and restores the previous backend afterwards. */
export function withBackend<R>(backend: Backend, f: () => R): R {
  const prev = setBackend(backend);
  try {
    return f();
  } finally {
    setBackend(prev);
  }
}
