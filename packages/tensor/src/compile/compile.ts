/**
 * `compile(f, exampleArgs)`: the JIT. It traces `f` and its reverse-mode gradient once
 * for the shapes of `exampleArgs`, simplifies the graph (constant folding and common
 * sub-expressions while recording, dead code after), fuses elementwise chains into
 * loops and generates JavaScript that works on buffers allocated once: calls do not
 * allocate (except kernels that need scratch space, such as general broadcasts).
 *
 * Like JAX's `jit`, the traced function must have static shapes and data-independent
 * control flow; reading a traced value (`item()`, `toArray()`, `data`, `+x`) throws a
 * CompileError naming the op that produced it.
 */

import { valueAndGrad } from "../autodiff/grad.js";
import { tracing } from "../core/context.js";
import { toTensor } from "../core/create.js";
import { CompileError, ValueError } from "../core/errors.js";
import { fmtShape, type Shape, sizeOf } from "../core/shape.js";
import { Tensor, type TensorLike } from "../core/tensor.js";
import { generate, type Program } from "./codegen.js";
import { Graph } from "./graph.js";
import { schedule } from "./schedule.js";
import { type Binaryen, binaryenIfLoaded, simdSupported } from "./wasm/binaryen.js";
import type { WasmLoopPolicy } from "./wasm/group.js";

export interface CompileOptions {
  /** Also compile the gradient (default true; requires a scalar output). */
  readonly grad?: boolean;
  /**
   * Code generation for the fused loops: "js" (generated JavaScript), "wasm" (128-bit
   * SIMD WebAssembly for every loop that lowers; loops with an op or a broadcast that
   * has no wasm lowering stay JavaScript; requires `await loadWasmBackend()` first), or
   * "auto" (default): once the backend is loaded, wasm for the loops that evaluate
   * exp/log/log1p/expm1 or the functions built on them (measured 2.5–3× faster) and for
   * arithmetic-only loops of 512 elements or more (1.4× at 1,000; no gain at 100);
   * JavaScript for the rest, and for everything before loading. JavaScript remains the
   * reference.
   */
  readonly backend?: "js" | "wasm" | "auto";
}

export interface CompiledFunction {
  /** Shapes of the arguments the function was traced for. */
  readonly argShapes: readonly Shape[];
  /** Total number of argument elements (the length of the flat vector). */
  readonly flatSize: number;
  /** Evaluates the function; the result is a fresh tensor. */
  value(...args: TensorLike[]): Tensor;
  /**
   * Evaluates the function and returns the compiled program's own output buffer
   * (zero-copy; overwritten by the next call). For hot loops.
   */
  valueBuffer(...args: readonly (Float64Array | TensorLike)[]): Float64Array;
  /** Value and gradients; gradients are written into `gradOut[k]` (one buffer per argument). */
  valueAndGrad(args: readonly TensorLike[], gradOut: readonly Float64Array[]): number;
  /** Flat-vector form for samplers and optimizers: all arguments concatenated. */
  readonly flat: (q: Float64Array, gradOut: Float64Array) => number;
  /** Flat-vector value only. */
  readonly flatValue: (q: Float64Array) => number;
  /** Diagnostics: node counts and the generated source. */
  readonly stats: {
    readonly nodes: number;
    readonly liveNodes: number;
    readonly steps: number;
    readonly fusedLoops: number;
    /**
     * Fused loops of the value-and-gradient program that run as WebAssembly (optional
     * so that hand-built CompiledFunction objects, such as eager fallbacks, stay valid).
     */
    readonly wasmLoops?: number;
    /** Milliseconds spent emitting and compiling WebAssembly (both programs). */
    readonly wasmBuildMs?: number;
  };
  /** The code generation used: "wasm" when any loop runs as WebAssembly (set by `compile`). */
  readonly backend?: "js" | "wasm";
  readonly source: { readonly value: string; readonly valueAndGrad: string };
}

export function compile(
  f: (...args: Tensor[]) => Tensor,
  exampleArgs: readonly TensorLike[],
  options: CompileOptions = {},
): CompiledFunction {
  const wantGrad = options.grad ?? true;
  const wasm = chooseBackend(options.backend ?? "auto");
  const examples = exampleArgs.map((a) => {
    const t = toTensor(a);
    return new Tensor(t._buf.slice(), t.shape, "argument");
  });
  const graph = new Graph();
  examples.forEach((t, k) => {
    graph.addInput(t, k);
  });
  if (tracing.recorder !== null || tracing.tape !== null)
    throw new CompileError("compile", "compile cannot be called while tracing another function");
  tracing.recorder = graph;
  let valueId: number;
  let gradIds: number[] = [];
  try {
    if (wantGrad) {
      const [v, grads] = valueAndGrad(f)(...examples);
      valueId = idOf(graph, v, "output");
      gradIds = grads.map((g) => idOf(graph, g, "gradient"));
    } else {
      valueId = idOf(graph, f(...examples), "output");
    }
  } finally {
    tracing.recorder = null;
  }
  const outShape = graph.nodes[valueId].shape;
  const argShapes = examples.map((t) => t.shape);
  const sizes = argShapes.map(sizeOf);
  const flatSize = sizes.reduce((a, b) => a + b, 0);

  const build = (outputs: number[]): Program & { steps: number; fused: number; live: number } => {
    const live = graph.live(outputs);
    const steps = schedule(graph, live);
    const program = generate(graph, live, steps, outputs, wasm);
    return {
      ...program,
      steps: steps.length,
      fused: steps.filter((s) => s.kind === "group").length,
      live: live.size,
    };
  };
  const valueProgram = build([valueId]);
  const gradProgram = wantGrad ? build([valueId, ...gradIds]) : valueProgram;
  const inputIds = examples.map((_, k) => k);

  const load = (p: Program, args: readonly TensorLike[]) => {
    if (args.length !== examples.length)
      throw new ValueError(
        "compiled function",
        `expected ${examples.length} arguments, got ${args.length}`,
      );
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      const src = a instanceof Float64Array ? a : toTensor(a)._buf;
      if (src.length !== sizes[k])
        throw new ValueError(
          "compiled function",
          `argument ${k} has ${src.length} elements, traced shape ${fmtShape(argShapes[k])}`,
        );
      p.buffers[inputIds[k]].set(src);
    }
  };
  const loadFlat = (p: Program, q: Float64Array) => {
    if (q.length !== flatSize)
      throw new ValueError(
        "compiled function",
        `flat vector has length ${q.length}, expected ${flatSize}`,
      );
    if (sizes.length === 1 && !p.fixedBuffers) {
      p.buffers[inputIds[0]] = q;
      return;
    }
    let off = 0;
    for (let k = 0; k < sizes.length; k++) {
      const b = p.buffers[inputIds[k]];
      if (sizes[k] === 1) b[0] = q[off];
      else b.set(q.subarray(off, off + sizes[k]));
      off += sizes[k];
    }
  };
  const requireGrad = () => {
    if (!wantGrad) throw new CompileError("valueAndGrad", "compiled with { grad: false }");
  };
  const valueBuf = () => valueProgram.buffers[valueId];
  return {
    argShapes,
    flatSize,
    value: (...args) => {
      load(valueProgram, args);
      valueProgram.run();
      return new Tensor(valueBuf().slice(), outShape, "compiled");
    },
    valueBuffer: (...args) => {
      load(valueProgram, args);
      valueProgram.run();
      return valueBuf();
    },
    valueAndGrad: (args, gradOut) => {
      requireGrad();
      load(gradProgram, args);
      gradProgram.run();
      gradIds.forEach((g, k) => {
        gradOut[k].set(gradProgram.buffers[g]);
      });
      return gradProgram.buffers[valueId][0];
    },
    flat: (q, gradOut) => {
      requireGrad();
      loadFlat(gradProgram, q);
      gradProgram.run();
      let off = 0;
      for (let k = 0; k < gradIds.length; k++) {
        const b = gradProgram.buffers[gradIds[k]];
        if (b.length === 1) gradOut[off] = b[0];
        else gradOut.set(b, off);
        off += b.length;
      }
      return gradProgram.buffers[valueId][0];
    },
    flatValue: (q) => {
      loadFlat(valueProgram, q);
      valueProgram.run();
      return valueBuf()[0];
    },
    stats: {
      nodes: graph.nodes.length,
      liveNodes: gradProgram.live,
      steps: gradProgram.steps,
      fusedLoops: gradProgram.fused,
      wasmLoops: gradProgram.wasmLoops,
      wasmBuildMs:
        valueProgram.wasmBuildMs + (gradProgram === valueProgram ? 0 : gradProgram.wasmBuildMs),
    },
    backend: gradProgram.wasmLoops + valueProgram.wasmLoops > 0 ? "wasm" : "js",
    source: { value: valueProgram.source, valueAndGrad: gradProgram.source },
  };
}

/** The wasm code generation wanted and available; CompileError if "wasm" is not loaded. */
function chooseBackend(
  backend: "js" | "wasm" | "auto",
): { binaryen: Binaryen; policy: WasmLoopPolicy } | undefined {
  if (backend === "js") return undefined;
  const b = binaryenIfLoaded();
  if (backend === "wasm" && (b === undefined || !simdSupported))
    throw new CompileError(
      "compile",
      simdSupported
        ? 'backend "wasm" needs `await loadWasmBackend()` before compiling'
        : 'backend "wasm": this JavaScript engine has no WebAssembly SIMD',
    );
  if (b === undefined || !simdSupported) return undefined;
  return { binaryen: b, policy: backend === "wasm" ? "all" : "auto" };
}

function idOf(graph: Graph, t: Tensor, what: string): number {
  const id = graph.idOf(t);
  if (id === undefined)
    throw new CompileError(what, "the result is not a tensor computed by the traced function");
  return id;
}
