/**
 * Vitest setup file that loads the WebAssembly backend before a suite runs, so that every
 * `compile` with the default backend ("auto") uses wasm loops. Used to run other
 * packages' suites on the wasm path, e.g.
 * `npx vitest run --project distributions --setupFiles packages/tensor/test/helpers/wasm-backend.setup.ts`.
 */
import { loadWasmBackend } from "@sidereal/tensor";

await loadWasmBackend();
