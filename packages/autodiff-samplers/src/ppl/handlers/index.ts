/** Effect handlers over the model context (NumPyro's `numpyro.handlers`). */
export { type BlockOptions, block } from "./block.js";
export { condition } from "./condition.js";
export { mask } from "./mask.js";
export { scale } from "./scale.js";
export { seed } from "./seed.js";
export { type SubstituteSource, substitute } from "./substitute.js";
export { type Trace, type TracedModel, trace, traceMessenger } from "./trace.js";
