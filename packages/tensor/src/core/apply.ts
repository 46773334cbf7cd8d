/**
 * `apply` runs a primitive eagerly: infer the shape, allocate the output, run the
 * kernel, and report to the tape (if an input is tracked) and the compile recorder.
 */
import { getBackend } from "../backend/backend.js";
import { tracing } from "./context.js";
import type { Primitive } from "./primitive.js";
import { type Shape, sizeOf } from "./shape.js";
import { Tensor } from "./tensor.js";

export function apply<A>(prim: Primitive<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  const shapes: Shape[] = new Array(inputs.length);
  const bufs: Float64Array[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    shapes[i] = inputs[i].shape;
    bufs[i] = inputs[i]._buf;
  }
  const outShape = prim.outShape(shapes, attrs);
  const backend = getBackend();
  let buf: Float64Array;
  if (prim.alias) buf = bufs[0];
  else {
    buf = new Float64Array(sizeOf(outShape));
    const run = backend.name === "cpu" ? prim.run : (backend.kernel(prim as Primitive) ?? prim.run);
    run(bufs, shapes, buf, outShape, attrs as never);
  }
  const out = new Tensor(buf, outShape, prim.name);
  const tape = tracing.tape;
  if (tape !== null && !prim.nondifferentiable) {
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i]._tape === tape) {
        out._tape = tape;
        tape.entries.push({ prim: prim as Primitive, inputs, out, attrs });
        break;
      }
    }
  }
  if (tracing.recorder !== null) tracing.recorder.onApply(prim as Primitive, inputs, attrs, out);
  return out;
}
