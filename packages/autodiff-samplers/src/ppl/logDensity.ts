/**
 * Log densities of traced sites (NumPyro's `log_density`): for a `sample` site,
 * `Σ scale · fn.logProb(value)` (the mask is already inside `fn`); the log joint is the sum
 * over all sample sites, latent and observed (factors included).
 */
import { add, mul, scalar, sum, type Tensor } from "@sidereal/tensor";
import type { Trace } from "./handlers/trace.js";
import type { Message } from "./message.js";

/** The summed, scaled log-density of one `sample` site (0 for other site types). */
export function siteLogProb(msg: Message): Tensor {
  if (msg.type !== "sample" || msg.fn === null || msg.value === undefined) return scalar(0);
  let lp = msg.fn.logProb(msg.value);
  if (msg.scale !== null) lp = mul(msg.scale, lp);
  return sum(lp);
}

/** Σ over the trace's sample sites of {@link siteLogProb}. */
export function logJoint(trace: Trace): Tensor {
  let total: Tensor = scalar(0);
  for (const msg of trace.values()) if (msg.type === "sample") total = add(total, siteLogProb(msg));
  return total;
}
