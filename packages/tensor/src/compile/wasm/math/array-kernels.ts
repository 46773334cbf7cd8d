/**
 * The vectorised math functions as array kernels in their own module: out[i] = f(in[i])
 * over a Float64Array in the module's memory. Used by the ulp tests and `validate`;
 * compiled programs call the same functions from their fused loops.
 */
import type { Binaryen } from "../binaryen.js";
import { addUnaryF64x2, type InlineUnary, type Module } from "../simd.js";
import { instantiate, type WasmMemory } from "../wasm-api.js";
import { expInline } from "./exp.js";
import { expm1Inline } from "./expm1.js";
import { logInline } from "./log.js";
import { log1pInline } from "./log1p.js";

export const MATH_FUNCTIONS: Readonly<Record<"exp" | "log" | "log1p" | "expm1", InlineUnary>> = {
  exp: expInline,
  log: logInline,
  log1p: log1pInline,
  expm1: expm1Inline,
};
export type MathFunctionName = keyof typeof MATH_FUNCTIONS;

export interface MathArrayKernels {
  /** Applies `name` to the first `n` elements of `input`, writing `output` (n even or odd). */
  apply(name: MathFunctionName, input: Float64Array, output: Float64Array): void;
  /** Largest array the module's memory holds (per input or output). */
  readonly capacity: number;
}

/** Builds the kernel module for arrays of up to `capacity` elements. */
export function mathArrayKernels(b: Binaryen, capacity: number): MathArrayKernels {
  const m: Module = new b.Module();
  m.setFeatures(b.Features.MVP | b.Features.SIMD128);
  const pages = Math.ceil((capacity * 16 + 16) / 65536);
  m.setMemory(pages, pages, "memory");
  const i32 = b.i32;
  for (const [name, inline] of Object.entries(MATH_FUNCTIONS)) {
    const f = addUnaryF64x2(b, m, `${name}_f64x2`, inline);
    // (pairs) loop over byte offsets p = 0, 16, ..., 16·pairs; in at 0, out at capacity·8
    const p = () => m.local.get(1, i32);
    const body = m.block(null, [
      m.local.set(1, m.i32.const(0)),
      m.block("done", [
        m.br("done", m.i32.eqz(m.local.get(0, i32))),
        m.loop(
          "next",
          m.block(null, [
            m.v128.store(capacity * 8, 16, p(), m.call(f, [m.v128.load(0, 16, p())], b.v128)),
            m.local.set(1, m.i32.add(p(), m.i32.const(16))),
            m.br("next", m.i32.lt_u(p(), m.i32.mul(m.local.get(0, i32), m.i32.const(16)))),
          ]),
        ),
      ]),
    ]);
    m.addFunction(`map_${name}`, b.createType([i32]), b.none, [i32], body);
    m.addFunctionExport(`map_${name}`, name);
  }
  if (!m.validate()) throw new Error("wasm math kernels: invalid module");
  m.optimize();
  const instance = instantiate(m.emitBinary());
  m.dispose();
  const memory = instance.exports.memory as WasmMemory;
  const heap = new Float64Array(memory.buffer);
  return {
    capacity,
    apply(name, input, output) {
      const n = input.length;
      if (n > capacity || output.length < n)
        throw new RangeError(`math kernels: ${n} elements, capacity ${capacity}`);
      heap.set(input);
      if (n % 2 === 1) heap[n] = 0;
      (instance.exports[name] as (pairs: number) => void)(Math.ceil(n / 2));
      output.set(heap.subarray(capacity, capacity + n));
    },
  };
}
