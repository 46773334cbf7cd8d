import { ndtri } from "./ndtri.js";
import { threefry2x32Into } from "./threefry.js";
import { wordsToOpenUnit } from "./unit-interval.js";

const BLOCK = new Uint32Array(2);

/**
 * Draw number `t` of the per-element random stream keyed by `(e0, e1)`, as a float64 in the
 * open interval `(0, 1)`.
 *
 * Rejection samplers (gamma, Poisson) give every output element its own key
 * `e = split(key, n)[i]` and take their successive 64-bit draws from the Threefry blocks
 * `threefry_2x32(e, (0, t))` for `t = 0, 1, 2, ...` (the key data of `foldIn(e, t)`). So
 * element `i` depends only on its key and its own parameter, never on how many draws other
 * elements consumed.
 */
export function streamOpenUnit(e0: number, e1: number, t: number): number {
  threefry2x32Into(e0, e1, 0, t, BLOCK, 0);
  return wordsToOpenUnit(BLOCK[0]!, BLOCK[1]!);
}

/** Draw `t` of the stream of {@link streamOpenUnit}, mapped to a standard normal by `ndtri`. */
export function streamNormal(e0: number, e1: number, t: number): number {
  return ndtri(streamOpenUnit(e0, e1, t));
}
