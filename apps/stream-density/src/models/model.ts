/**
 * What the pipeline needs from a density model: named parameter blocks, the
 * log-posterior as a traceable tensor function of the blocks, and the number of data
 * points N that scales the seed's objective (−ln p / N).
 */
import type { Tensor } from "@sidereal/tensor";

/** One parameter block: a name, its length, and (for spline blocks) the knot positions. */
export interface ParameterBlock {
  readonly name: string;
  readonly size: number;
  /** Knot abscissae for spline knot values; absent for plain parameters. */
  readonly knots?: Float64Array;
}

/** A density model ready to compile: `lnPosterior(...blocks)` must not branch on values. */
export interface DensityModel {
  readonly name: string;
  readonly blocks: readonly ParameterBlock[];
  /** Total number of parameters (Σ block sizes). */
  readonly dim: number;
  /** Number of data points N (the seed divides the objective by it). */
  readonly nData: number;
  /** ln posterior up to a constant; one tensor per block (scalars for size-1 blocks). */
  readonly lnPosterior: (...blocks: Tensor[]) => Tensor;
}

/** Splits a flat vector into named blocks (copies). */
export function unpack(model: DensityModel, x: ArrayLike<number>): Record<string, Float64Array> {
  if (x.length !== model.dim)
    throw new RangeError(
      `${model.name}: parameter vector has length ${x.length}, expected ${model.dim}`,
    );
  const out: Record<string, Float64Array> = {};
  let off = 0;
  for (const b of model.blocks) {
    out[b.name] = Float64Array.from({ length: b.size }, (_, i) => x[off + i]);
    off += b.size;
  }
  return out;
}
