import type { PRNGKey } from "./key.js";
import { ndtri } from "./ndtri.js";
import { shapeSize } from "./shape.js";
import { fillUnit } from "./unit-interval.js";

const HALF_ULP = 2 ** -53;

/**
 * Standard normal float64 draws by inversion: element `i` takes the same 52-bit mantissa `m`
 * as `uniform` (Threefry block `(i, n + i)`), forms `p = (m + 1/2) / 2^52` in the open interval
 * `(0, 1)` (exact, symmetric about 1/2, so `|z| <= 8.3`) and returns `ndtri(p)`, the normal
 * quantile by Wichura's AS 241 (relative error about 1e-16). One Threefry block per draw; the
 * result is a deterministic function of the key and shape.
 *
 * Not bit-identical to `jax.random.normal`, which maps a uniform on `(-1, 1)` through XLA's
 * `erfinv` polynomial; both are monotone in the same random bits, so they agree closely.
 */
export function normal(k: PRNGKey, shape: readonly number[]): Float64Array {
  const n = shapeSize(shape);
  const out = new Float64Array(n);
  fillUnit(k.k0, k.k1, n, out);
  for (let i = 0; i < n; i++) out[i] = ndtri(out[i]! + HALF_ULP);
  return out;
}
