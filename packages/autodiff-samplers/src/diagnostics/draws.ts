import { DiagnosticsError } from "./errors.js";

/**
 * Accepted forms of MCMC draws for one scalar quantity.
 *
 * - Primary form: a chain-major `Float64Array` laid out `[chain][draw]`
 *   (length `nChains * nDraws`), passed together with `nChains`.
 * - Convenience form: one `Float64Array` per chain (all the same length).
 */
export type DrawsInput = Float64Array | readonly Float64Array[];

/** Draws of one scalar quantity as a dense chain-major matrix. */
export interface ChainMatrix {
  /** Values laid out `[chain][draw]`, length `nChains * nDraws`. */
  readonly data: Float64Array;
  /** Number of chains (rows). */
  readonly nChains: number;
  /** Number of draws per chain (columns). */
  readonly nDraws: number;
}

/** Minimum number of draws per chain for any convergence diagnostic (as ArviZ). */
export const MIN_DRAWS = 4;

/**
 * Normalises either accepted draws form into a {@link ChainMatrix}, checking
 * the layout. Throws {@link DiagnosticsError} on an inconsistent layout or on
 * fewer than {@link MIN_DRAWS} draws per chain when `minDraws` is not lowered.
 */
export function toChainMatrix(
  draws: DrawsInput,
  nChains?: number,
  minDraws: number = MIN_DRAWS,
): ChainMatrix {
  let matrix: ChainMatrix;
  if (draws instanceof Float64Array) {
    if (nChains === undefined) {
      throw new DiagnosticsError("nChains is required when draws is a flat Float64Array");
    }
    if (!Number.isInteger(nChains) || nChains < 1) {
      throw new DiagnosticsError(`nChains must be a positive integer, got ${nChains}`);
    }
    if (draws.length % nChains !== 0) {
      throw new DiagnosticsError(
        `draws.length (${draws.length}) is not a multiple of nChains (${nChains})`,
      );
    }
    matrix = { data: draws, nChains, nDraws: draws.length / nChains };
  } else {
    const chains = draws;
    if (chains.length === 0) {
      throw new DiagnosticsError("at least one chain is required");
    }
    if (nChains !== undefined && nChains !== chains.length) {
      throw new DiagnosticsError(
        `nChains (${nChains}) does not match the number of chain arrays (${chains.length})`,
      );
    }
    const nDraws = chains[0].length;
    const data = new Float64Array(chains.length * nDraws);
    chains.forEach((chain, j) => {
      if (chain.length !== nDraws) {
        throw new DiagnosticsError(
          `all chains must have the same length: chain 0 has ${nDraws} draws, chain ${j} has ${chain.length}`,
        );
      }
      data.set(chain, j * nDraws);
    });
    matrix = { data, nChains: chains.length, nDraws };
  }
  if (matrix.nDraws < minDraws) {
    throw new DiagnosticsError(
      `MCMC diagnostics need at least ${minDraws} draws per chain, got ${matrix.nDraws}`,
    );
  }
  return matrix;
}

/**
 * True when the draws carry no usable information for a diagnostic: any NaN,
 * or every draw identical (a constant posterior). Diagnostics return `NaN`
 * for such input (see the package README section on conventions).
 */
export function isDegenerate(data: Float64Array): boolean {
  if (data.length === 0) return true;
  const first = data[0];
  let constant = true;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (Number.isNaN(v)) return true;
    if (v !== first) constant = false;
  }
  return constant;
}
