/**
 * The wasm half of a compiled program: picks the fused loops that lower completely,
 * moves all buffers into one memory, and emits one module holding those loops (and
 * the math functions they call), instantiated against that memory. Loops that do not
 * lower stay JavaScript and run on the same buffers.
 */
import type { Graph } from "../graph.js";
import type { GroupStep } from "../schedule.js";
import type { Binaryen } from "./binaryen.js";
import { canLower, constantDivisors, emitGroupFunction, type WasmLoopPolicy } from "./group.js";
import { placeInMemory } from "./memory.js";
import { instantiate } from "./wasm-api.js";

export interface WasmLoops {
  /** False when no loop lowered: then nothing was moved and the program is plain JS. */
  readonly used: boolean;
  /** Export name of each group that runs in wasm. */
  readonly names: Map<GroupStep, string>;
  /** The instance's exported loop functions. */
  readonly exports: Record<string, () => void>;
  /** Milliseconds spent building and compiling the module. */
  readonly buildMs: number;
}

export interface WasmProgramInput {
  readonly graph: Graph;
  readonly groups: readonly GroupStep[];
  /** The program's buffers; replaced in place by views into the wasm memory. */
  readonly bufs: Float64Array[];
  readonly materialised: (id: number) => boolean;
  /** Buffer index of 1/x for a constant divisor (created on first request). */
  readonly reciprocalOf: (id: number) => number;
  readonly policy: WasmLoopPolicy;
}

/**
 * Programs whose buffers need more than this stay JavaScript: a wasm32 memory is at most
 * 4 GiB, and engines may refuse less; separate ArrayBuffers have no such joint limit.
 */
const MAX_MEMORY_BYTES = 2 ** 30;

function bufferBytes(bufs: readonly Float64Array[]): number {
  const seen = new Set<Float64Array>();
  let bytes = 0;
  for (const a of bufs)
    if (a !== undefined && !seen.has(a)) {
      seen.add(a);
      bytes += a.byteLength;
    }
  return bytes;
}

export function buildWasmLoops(b: Binaryen, input: WasmProgramInput): WasmLoops {
  const t0 = performance.now();
  const { graph, groups, bufs } = input;
  const chosen = groups.filter((g) => canLower(graph, g, input.policy));
  const names = new Map<GroupStep, string>();
  if (chosen.length === 0 || bufferBytes(bufs) > MAX_MEMORY_BYTES)
    return { used: false, names, exports: {}, buildMs: performance.now() - t0 };
  for (const g of chosen) for (const d of constantDivisors(graph, g)) input.reciprocalOf(d);
  const placed = placeInMemory(bufs);

  const m = new b.Module();
  try {
    m.setFeatures(b.Features.MVP | b.Features.SIMD128);
    m.setMemory(placed.pages, placed.pages, null, [], false, false, "mem");
    m.addMemoryImport("mem", "env", "memory");
    const offset = (id: number) => {
      const o = placed.offsets[id];
      if (o === undefined) throw new Error(`compile (wasm): node ${id} has no buffer`);
      return o;
    };
    const cx = { b, m, graph, materialised: input.materialised };
    chosen.forEach((g, k) => {
      const name = `loop${k}`;
      emitGroupFunction(cx, g, name, offset, input.reciprocalOf);
      names.set(g, name);
    });
    if (!m.validate()) throw new Error("compile (wasm): binaryen rejected the generated module");
    // no binaryen optimisation passes: V8's optimising tier does the same work on these
    // straight-line loops (measured on M67: equal speed) and the passes cost ~1 s per module
    const instance = instantiate(m.emitBinary(), { env: { memory: placed.memory } });
    return {
      used: true,
      names,
      exports: instance.exports as Record<string, () => void>,
      buildMs: performance.now() - t0,
    };
  } finally {
    m.dispose();
  }
}
