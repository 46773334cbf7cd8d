/**
 * Reverse-mode automatic differentiation (JAX's `grad` / `value_and_grad`).
 *
 * While `f` runs, ops whose inputs are tracked append entries to a tape; the backward
 * pass walks the tape in reverse, calling each primitive's VJP (written with ops, so
 * `compile` can record the backward pass too) and summing broadcast cotangents back
 * to each input's shape.
 */
import { apply } from "../core/apply.js";
import { Tape, tracing } from "../core/context.js";
import { toTensor } from "../core/create.js";
import { GradError } from "../core/errors.js";
import { fmtShape, shapesEqual } from "../core/shape.js";
import { Tensor, type TensorLike } from "../core/tensor.js";
import { add } from "../ops/elementwise.js";
import { broadcastTo, FILL, sumToShape } from "../ops/shape-ops.js";
import { IDENTITY_ALIAS } from "./identity.js";

/** Marks fresh copies of the inputs as tracked on `tape`. */
function track(args: readonly TensorLike[], tape: Tape): Tensor[] {
  return args.map((a) => {
    const t = toTensor(a);
    const c = new Tensor(t._buf, t.shape, "argument");
    c._tape = tape;
    // compile's recorder must see the copy as the same value as the original
    if (tracing.recorder) tracing.recorder.onApply(IDENTITY_ALIAS, [t], undefined, c);
    return c;
  });
}
/**
 * Runs the backward pass from `out` (cotangent `seed`) and returns the cotangents of
 * `inputs` (zeros where `out` does not depend on an input).
 */
export function backward(
  tape: Tape,
  out: Tensor,
  seed: Tensor,
  inputs: readonly Tensor[],
): Tensor[] {
  const cot = new Map<Tensor, Tensor>();
  cot.set(out, seed);
  const saved = tracing.tape;
  tracing.tape = null;
  try {
    const entries = tape.entries;
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k];
      const g = cot.get(e.out);
      if (g === undefined) continue;
      cot.delete(e.out);
      const vjp = e.prim.vjp;
      if (!vjp) throw new GradError(`op "${e.prim.name}" has no gradient rule`);
      const gs = vjp(g, e.inputs, e.out, e.attrs);
      for (let i = 0; i < e.inputs.length; i++) {
        const x = e.inputs[i];
        const gi = gs[i];
        if (gi === null || gi === undefined || x._tape !== tape) continue;
        const gx = shapesEqual(gi.shape, x.shape) ? gi : sumToShape(gi, x.shape);
        const prev = cot.get(x);
        cot.set(x, prev === undefined ? gx : add(prev, gx));
      }
    }
  } finally {
    tracing.tape = saved;
  }
  return inputs.map((x) => {
    const g = cot.get(x);
    return g === undefined
      ? zerosGrad(x)
      : g.shape.length === x.shape.length
        ? g
        : broadcastTo(g, x.shape);
  });
}
function zerosGrad(x: Tensor): Tensor {
  return apply(FILL, [], { shape: x.shape, value: 0 });
}

export type GradFn = (...args: Tensor[]) => Tensor;

/**
 * `valueAndGrad(f)(...args)` returns `[f(...args), [df/darg0, df/darg1, ...]]` for a
 * scalar-valued `f`. Nesting (gradients of gradients) is not supported yet.
 *
 * @example
 * const [v, [g]] = valueAndGrad((x) => sum(square(x)))(tensor([1, 2]));
 * // v.item() => 5, g.toArray() => [2, 4]
 */
export function valueAndGrad(f: GradFn): (...args: TensorLike[]) => [Tensor, Tensor[]] {
  return (...args) => {
    if (tracing.tape !== null) throw new GradError("nested grad/valueAndGrad is not supported");
    const tape = new Tape();
    tracing.tape = tape;
    let out: Tensor;
    let inputs: Tensor[];
    try {
      inputs = track(args, tape);
      out = f(...inputs);
    } finally {
      tracing.tape = null;
    }
    if (!(out instanceof Tensor)) throw new GradError("the function must return a Tensor");
    if (out.size !== 1)
      throw new GradError(`the function must return a scalar, got shape ${fmtShape(out.shape)}`);
    const grads = backward(tape, out, apply(FILL, [], { shape: out.shape, value: 1 }), inputs);
    return [out, grads];
  };
}

/** `grad(f)(...args)` returns the gradients of scalar `f` with respect to every argument. */
export function grad(f: GradFn): (...args: TensorLike[]) => Tensor[] {
  const vg = valueAndGrad(f);
  return (...args) => vg(...args)[1];
}

/**
 * The flat-vector form used by optimizers and samplers: `f` takes one vector tensor;
 * the result writes the gradient into `gradOut` and returns the value.
 */
export function valueAndGradFlat(
  f: (x: Tensor) => Tensor,
): (x: Float64Array, gradOut: Float64Array) => number {
  const vg = valueAndGrad(f);
  return (x, gradOut) => {
    const [v, [g]] = vg(new Tensor(x, [x.length], "argument"));
    gradOut.set(g._buf);
    return v._buf[0];
  };
}
