import { McmcValueError } from "./errors.js";
import type { HMCState, Potential } from "./types.js";

/**
 * Initial HMC/NUTS state at `position`: evaluates `U(q)` and `∇U(q)` once. The position is
 * copied (the caller's array is never kept). Throws {@link McmcValueError} when the position
 * has a non-finite entry or when `U` or its gradient is not finite there.
 */
export function initState(position: Float64Array, potential: Potential): HMCState {
  const d = position.length;
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(position[i])) {
      throw new McmcValueError(`initial position[${i}] is not finite (${position[i]})`);
    }
  }
  const q = position.slice();
  const grad = new Float64Array(d);
  const u = potential(q.slice(), grad);
  if (!Number.isFinite(u)) {
    throw new McmcValueError(`potential energy at the initial position is not finite (${u})`);
  }
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(grad[i])) {
      throw new McmcValueError(`potential gradient[${i}] at the initial position is ${grad[i]}`);
    }
  }
  return { position: q, potentialEnergy: u, potentialGrad: grad };
}
