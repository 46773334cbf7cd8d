/**
 * One WebAssembly.Memory for all of a compiled program's buffers: inputs, constants,
 * intermediates and outputs are Float64Array views into it, so wasm loops and JS
 * kernels work on the same storage without copies. The memory never grows (growing
 * would detach the views); constants are copied in once, at compile time.
 */
import { type WasmMemory, wasmApi } from "./wasm-api.js";

export interface PlacedBuffers {
  readonly memory: WasmMemory;
  readonly pages: number;
  /** Byte offset of each buffer index's storage (aliases share an offset). */
  readonly offsets: number[];
}

const PAGE = 65536;

/**
 * Moves every buffer of `bufs` (sparse, possibly with several indices sharing one
 * array) into a fresh memory, replacing the entries with views, 16-byte aligned.
 */
export function placeInMemory(bufs: Float64Array[]): PlacedBuffers {
  if (!wasmApi) throw new Error("this JavaScript engine has no WebAssembly");
  const placed = new Map<Float64Array, number>();
  let bytes = 16; // offset 0 stays unused
  bufs.forEach((a) => {
    if (a === undefined || placed.has(a)) return;
    placed.set(a, bytes);
    bytes += Math.ceil((a.length * 8) / 16) * 16;
  });
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  const memory = new wasmApi.Memory({ initial: pages, maximum: pages });
  const views = new Map<Float64Array, Float64Array>();
  for (const [a, off] of placed) {
    const view = new Float64Array(memory.buffer, off, a.length);
    view.set(a);
    views.set(a, view);
  }
  const offsets: number[] = [];
  bufs.forEach((a, id) => {
    if (a === undefined) return;
    offsets[id] = placed.get(a) as number;
    bufs[id] = views.get(a) as Float64Array;
  });
  return { memory, pages, offsets };
}
