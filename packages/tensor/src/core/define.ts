/**
 * `defineElementwise` builds an elementwise primitive from its scalar expression and
 * its VJP; the eager loop is generated from the same expression the compiler fuses.
 */
import { elementwiseKernel, elementwiseShape } from "./elementwise-kernels.js";
import type { Primitive } from "./primitive.js";
import type { Tensor } from "./tensor.js";

export interface ElementwiseSpec {
  readonly name: string;
  readonly arity: 1 | 2 | 3;
  /** Scalar expression over argument identifiers (e.g. `(x) => \`Math.exp(${x})\``). */
  readonly expr: (...args: string[]) => string;
  readonly vjp?: (g: Tensor, inputs: readonly Tensor[], out: Tensor) => readonly (Tensor | null)[];
  readonly nondifferentiable?: boolean;
}

export function defineElementwise(spec: ElementwiseSpec): Primitive<undefined> {
  const body = spec.expr("x", "y", "z");
  const run = elementwiseKernel(spec.arity, body);
  const vjp = spec.vjp;
  return {
    name: spec.name,
    elementwise: spec.arity,
    nondifferentiable: spec.nondifferentiable,
    outShape: elementwiseShape(spec.name),
    run,
    expr: (args) => spec.expr(...args),
    vjp: vjp ? (g, inputs, out) => vjp(g, inputs, out) : undefined,
  };
}
