/**
 * A potential energy `U(q) = -log p(q)` (up to an additive constant) over a flat parameter
 * vector. It must write `∂U/∂q` into `gradOut` (same length as `q`) and return `U(q)`; it must
 * not keep or mutate `q`. This is exactly the `flat` function of `@sidereal/tensor`'s `compile`.
 * Returning `NaN` or `+Infinity` marks `q` as outside the support: samplers treat it as an
 * infinitely high energy (a divergence), never as an error.
 */
export type Potential = (q: Float64Array, gradOut: Float64Array) => number;

/**
 * An inverse mass matrix `M⁻¹` for a `d`-dimensional target, as a flat `Float64Array`:
 * length `d` means diagonal, length `d·d` means dense, row-major and symmetric positive
 * definite (for `d = 1` both readings coincide). Kernels cache factorisations keyed on the
 * array's identity, so treat a matrix as immutable once passed to a kernel: pass a new array to
 * change it.
 */
export type InverseMassMatrix = Float64Array;

/** The state carried between HMC/NUTS transitions (BlackJAX's `HMCState`). */
export interface HMCState {
  /** Position `q` (length `d`). Never mutated by the kernels. */
  readonly position: Float64Array;
  /** `U(q)`. */
  readonly potentialEnergy: number;
  /** `∇U(q)` (length `d`). Never mutated by the kernels. */
  readonly potentialGrad: Float64Array;
}

/** A writable state used by the allocation-free `stepInto` entry points. */
export interface MutableHMCState {
  /** Position buffer, overwritten in place (length `d`). */
  position: Float64Array;
  /** `U(position)`. */
  potentialEnergy: number;
  /** Gradient buffer, overwritten in place (length `d`). */
  potentialGrad: Float64Array;
}

/** Per-transition tuning parameters shared by the HMC and NUTS kernels. */
export interface KernelParams {
  /** Leapfrog step size `ε > 0`. */
  readonly stepSize: number;
  /** Inverse mass matrix (see {@link InverseMassMatrix}). */
  readonly inverseMassMatrix: InverseMassMatrix;
}
