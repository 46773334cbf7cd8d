/**
 * `compileOrEager(f, example)`: the JIT, or an eager stand-in when the JIT fails with an
 * internal error (shared by the ELBO losses).
 */
import {
  type CompiledFunction,
  compile,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
  valueAndGrad,
} from "@sidereal/tensor";

/**
 * `compile(f, example)`, or an eager stand-in (`valueAndGrad` on every call) when the JIT
 * fails with an internal error (a compiler bug, not a property of the model): correct but
 * slower. Model errors (`CompileError` for value-dependent control flow, …) propagate.
 */
export function compileOrEager(
  f: (...args: Tensor[]) => Tensor,
  example: readonly Tensor[],
): CompiledFunction {
  try {
    return compile(f, example);
  } catch (e) {
    if (!(e instanceof Error) || !e.message.includes("internal error")) throw e;
  }
  const shapes = example.map((t) => t.shape);
  const sizes = shapes.map((s) => s.reduce((p, d) => p * d, 1));
  const toArgs = (args: readonly (Float64Array | TensorLike)[]) =>
    args.map((a, k) => (a instanceof Float64Array ? tensor(a.slice(), shapes[k]) : toTensor(a)));
  const split = (q: Float64Array) => {
    let off = 0;
    return sizes.map((n, k) => {
      const t = tensor(q.slice(off, off + n), shapes[k]);
      off += n;
      return t;
    });
  };
  const vg = valueAndGrad(f);
  const flatSize = sizes.reduce((a, b) => a + b, 0);
  return {
    argShapes: shapes,
    flatSize,
    value: (...args) => f(...toArgs(args)),
    valueBuffer: (...args) => f(...toArgs(args)).toArray(),
    valueAndGrad(args, gradOut) {
      const [v, gs] = vg(...toArgs(args));
      gs.forEach((g, k) => {
        gradOut[k].set(g.toArray());
      });
      return v.item();
    },
    flat(q, gradOut) {
      const [v, gs] = vg(...split(q));
      let off = 0;
      for (const g of gs) {
        gradOut.set(g.toArray(), off);
        off += g.size;
      }
      return v.item();
    },
    flatValue: (q) => f(...split(q)).item(),
    stats: { nodes: 0, liveNodes: 0, steps: 0, fusedLoops: 0 },
    source: { value: "", valueAndGrad: "" },
  };
}
