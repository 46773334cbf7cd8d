/**
 * One run of a model over many posterior draws at once (NumPyro's `vmap` over the draws in
 * `Predictive(parallel=True)` and `log_likelihood(parallel=True)`): every substituted site gets
 * its draws as one value of shape `[count, 1, …, 1, ...siteShape]`, with ones so that the draw
 * dim sits left of every plate dim (the site's batch shape padded to the model's plate
 * nesting). Shapes come from one ordinary traced run on the first draw (`probe`). Models that
 * do not broadcast that way (they throw, or a site's batch shape is deeper than the plates)
 * give undefined, and the caller loops over the draws instead.
 */
import type { PRNGKey } from "@sidereal/distributions";
import { reshape, sizeOf, type Tensor, tensor } from "@sidereal/tensor";
import { seed } from "./handlers/seed.js";
import { substitute } from "./handlers/substitute.js";
import { type Trace, trace } from "./handlers/trace.js";
import type { Model } from "./model.js";

/** Draw `i` of a tensor with a leading draw dim. */
export function drawOf(t: Tensor, i: number): Tensor {
  const shape = t.shape.slice(1);
  const per = sizeOf(shape);
  return tensor(t.data.slice(i * per, (i + 1) * per), shape);
}

/** Draws `start .. start + count − 1` of a tensor with a leading draw dim. */
export function drawsOf(t: Tensor, start: number, count: number): Tensor {
  const shape = t.shape.slice(1);
  const per = sizeOf(shape);
  return tensor(t.data.slice(start * per, (start + count) * per), [count, ...shape]);
}

/** The number of plate dims the model uses (NumPyro's `max_plate_nesting`). */
export function maxPlateNesting(tr: Trace): number {
  let depth = 0;
  for (const msg of tr.values())
    for (const f of msg.condIndepStack) depth = Math.max(depth, -f.dim);
  return depth;
}

/** The traced run on draw 0 of `draws` (substituted), seeded with `rngKey`. */
export function probeTrace<D, R>(
  model: Model<D, R>,
  draws: Readonly<Record<string, Tensor>>,
  rngKey: PRNGKey,
  data: D,
): Trace {
  const first: Record<string, Tensor> = {};
  for (const k of Object.keys(draws)) first[k] = drawOf(draws[k], 0);
  return trace(seed(substitute(model, first), rngKey)).getTrace(data);
}

/**
 * The trace of one run with all `count` draws substituted at once (see the module doc), or
 * undefined when the model does not broadcast over a leading draw dim.
 */
export function batchedTrace<D, R>(
  model: Model<D, R>,
  draws: Readonly<Record<string, Tensor>>,
  count: number,
  probe: Trace,
  rngKey: PRNGKey,
  data: D,
): Trace | undefined {
  const nesting = maxPlateNesting(probe);
  const batched: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(draws)) {
    const perDraw = t.shape.slice(1);
    const batchRank = probe.get(k)?.fn?.batchShape.length ?? 0;
    if (batchRank > nesting) return undefined;
    const ones = new Array<number>(nesting - batchRank).fill(1);
    batched[k] = reshape(t, [count, ...ones, ...perDraw]);
  }
  try {
    return trace(seed(substitute(model, batched), rngKey)).getTrace(data);
  } catch {
    return undefined;
  }
}

/**
 * A batched value read back as `[count, ...perDrawShape]`: as is when it has `count` draws'
 * worth of values, repeated when it does not depend on the draws (`per` values), undefined
 * otherwise.
 */
export function perDrawValues(
  v: Tensor,
  count: number,
  perDrawShape: readonly number[],
): Tensor | undefined {
  const per = sizeOf(perDrawShape);
  if (v.size === count * per) return tensor(v.data.slice(0, v.size), [count, ...perDrawShape]);
  if (v.size !== per) return undefined;
  const rep = new Float64Array(count * per);
  for (let i = 0; i < count; i++) rep.set(v.data.subarray(0, per), i * per);
  return tensor(rep, [count, ...perDrawShape]);
}
