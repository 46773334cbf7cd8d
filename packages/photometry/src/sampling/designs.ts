/**
 * Unit-hypercube designs from the splittable Threefry PRNG of `@sidereal/distributions`:
 * - `uniformRows`: i.i.d. uniforms (agnfinder's marginal "uniformly at random"); row r of a
 *   stream uses its own key `foldIn(key, r)`, so any block of rows can be drawn alone, in any
 *   order, with the same result: streaming and resuming need no state.
 * - `latinHypercube`: classic LHS, one point per stratum in every column: column j uses
 *   `foldIn(key, j)`, split into a permutation key and a jitter key; point i of the column is
 *   (perm[i] + u_i)/n.
 */
import { foldIn, type PRNGKey, permutation, split, uniform } from "@sidereal/distributions";

export type Design = "uniform" | "lhs";

/** Rows [start, start + count) of an i.i.d. uniform stream of d columns, row-major. */
export function uniformRows(
  k: PRNGKey,
  start: number,
  count: number,
  d: number,
  out = new Float64Array(count * d),
): Float64Array {
  for (let r = 0; r < count; r++) out.set(uniform(foldIn(k, start + r), [d]), r * d);
  return out;
}

/** An n × d Latin hypercube on [0, 1), row-major. */
export function latinHypercube(k: PRNGKey, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const [kPerm, kJitter] = split(foldIn(k, j));
    const perm = permutation(kPerm, n);
    const u = uniform(kJitter, [n]);
    for (let i = 0; i < n; i++)
      out[i * d + j] = Math.min((perm[i] + u[i]) / n, 1 - Number.EPSILON / 2);
  }
  return out;
}

/** n rows of the chosen design. */
export const drawDesign = (design: Design, k: PRNGKey, n: number, d: number): Float64Array =>
  design === "lhs" ? latinHypercube(k, n, d) : uniformRows(k, 0, n, d);
