import * as T from "@sidereal/tensor";
import { compile, type Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";

/** In a process that never called loadWasmBackend() (vitest isolates test files). */
describe("compile backend before loadWasmBackend()", () => {
  const f = (x: Tensor) => T.sum(T.exp(x));
  const x = tensor(Float64Array.from({ length: 64 }, (_, i) => i / 64));
  it('"wasm" is a CompileError that says what to call', () => {
    expect(() => compile(f, [x], { backend: "wasm" })).toThrow(/await loadWasmBackend\(\)/);
  });
  it('"auto" (the default) compiles JavaScript', () => {
    expect(compile(f, [x]).backend).toBe("js");
    expect(compile(f, [x], { backend: "auto" }).stats.wasmLoops).toBe(0);
  });
});
