/**
 * A density model compiled once with @sidereal/tensor's JIT, in the flat-vector forms
 * that the optimizer and the sampler call:
 *
 * - `objective(x)`: the seed's objective −ln p(x) / N with its gradient (for L-BFGS-B);
 * - `potential(q, grad)`: U(q) = −ln p(q) (for NUTS), gradient written into `grad`;
 * - `lnPosterior(q)`: ln p(q), value only.
 */
import { compile, neg, scalar, type Tensor, zeros } from "@sidereal/tensor";
import type { DensityModel } from "./models/model.js";

export interface CompiledModel {
  readonly model: DensityModel;
  readonly objective: (x: Float64Array) => { value: number; grad: Float64Array };
  readonly potential: (q: Float64Array, grad: Float64Array) => number;
  readonly lnPosterior: (q: Float64Array) => number;
}

/** Traces and compiles −ln p of `model` (example arguments: zeros of each block's shape). */
export function compileModel(model: DensityModel): CompiledModel {
  const examples = model.blocks.map((b) =>
    b.knots === undefined && b.size === 1 ? scalar(0) : zeros([b.size]),
  );
  const f = compile((...args: Tensor[]) => neg(model.lnPosterior(...args)), examples);
  const n = model.nData;
  return {
    model,
    objective: (x) => {
      const grad = new Float64Array(model.dim);
      const u = f.flat(x, grad);
      for (let i = 0; i < grad.length; i++) grad[i] /= n;
      return { value: u / n, grad };
    },
    potential: f.flat,
    lnPosterior: (q) => -f.flatValue(q),
  };
}
