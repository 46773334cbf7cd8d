/**
 * The few WebAssembly JS-API members the backend uses, typed here: the project's
 * TypeScript lib is ES2023 with Node's types, which do not declare `WebAssembly`.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

/** `globalThis.WebAssembly`, or undefined where the engine has none. */
export const wasmApi: WasmApi | undefined = (globalThis as unknown as { WebAssembly?: WasmApi })
  .WebAssembly;

/** Compiles and instantiates a module synchronously. */
export function instantiate(bytes: Uint8Array, imports: object = {}): WasmInstance {
  if (!wasmApi) throw new Error("this JavaScript engine has no WebAssembly");
  return new wasmApi.Instance(new wasmApi.Module(bytes), imports);
}
