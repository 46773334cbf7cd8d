/**
 * Loading binaryen (the WebAssembly toolchain library used to emit the `wasm` backend's
 * modules). The npm package is an ES module with top-level await, so it cannot be
 * required synchronously: `compile` stays synchronous, and the wasm backend is
 * available once `loadWasmBackend()` has resolved (about 0.5 s the first time).
 */
import type binaryenNamespace from "binaryen";
import { wasmApi } from "./wasm-api.js";

export type Binaryen = typeof binaryenNamespace;

let loaded: Binaryen | undefined;
let loading: Promise<Binaryen> | undefined;

/**
 * Loads the WebAssembly backend of `compile` (binaryen) and resolves when
 * `compile(f, args, { backend: "wasm" })` can be used. Calling it again is free.
 */
export function loadWasmBackend(): Promise<void> {
  loading ??= import("binaryen").then((m) => {
    loaded = m.default;
    return loaded;
  });
  return loading.then(() => undefined);
}

/**
 * Whether `loadWasmBackend()` has resolved in this thread (so `compile` can emit wasm).
 * Lets synchronous callers that need the backend fail clearly instead of silently using JS.
 */
export function isWasmBackendLoaded(): boolean {
  return loaded !== undefined;
}

/** The loaded binaryen module, or undefined before `loadWasmBackend()` resolved. */
export function binaryenIfLoaded(): Binaryen | undefined {
  return loaded;
}

/** Whether this JavaScript engine runs WebAssembly with 128-bit SIMD. */
export const simdSupported: boolean = (() => {
  try {
    // (module (func (result v128) v128.const i64x2 0 0)) — validation needs SIMD
    const bytes = new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
    ]);
    return wasmApi?.validate(bytes) ?? false;
  } catch {
    return false;
  }
})();
