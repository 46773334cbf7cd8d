import type { ChainMatrix } from "./draws.js";

/**
 * Splits every chain into its first and last `floor(nDraws / 2)` draws
 * (Vehtari et al. 2021, Sec. 4.1), so an odd middle draw is dropped exactly as
 * ArviZ does. The result has `2 * nChains` chains: all first halves (in chain
 * order) followed by all second halves.
 */
export function splitChains(matrix: ChainMatrix): ChainMatrix {
  const { data, nChains, nDraws } = matrix;
  const half = Math.floor(nDraws / 2);
  const out = new Float64Array(2 * nChains * half);
  for (let j = 0; j < nChains; j++) {
    const start = j * nDraws;
    out.set(data.subarray(start, start + half), j * half);
    out.set(data.subarray(start + nDraws - half, start + nDraws), (nChains + j) * half);
  }
  return { data: out, nChains: 2 * nChains, nDraws: half };
}
