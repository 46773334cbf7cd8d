/**
 * The `--backend` flag of the SAN commands and the tfjs layer it selects (@sidereal/nn's
 * `TfBackend`: tfjs-node-gpu, tfjs-node, wasm, cpu in that order unless one is named).
 */
import { BACKEND_PREFERENCE, TfBackend } from "@sidereal/nn";
import { Flags } from "@sidereal/runtime";
import { Effect, Schema } from "effect";

export const BACKEND_NAMES = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const;
export type BackendChoice = (typeof BACKEND_NAMES)[number];
export const BackendField = Schema.optionalKey(Schema.Literals(BACKEND_NAMES));

export const backendFlag = Flags.choice(
  "backend",
  BACKEND_NAMES,
  "tfjs backend (default: the first that loads of tensorflow-gpu, tensorflow, wasm, cpu)",
);

/** Provides the tfjs backend to `effect` (released, and checked for leaks, at the end). */
export const withBackend = <A, E, R>(
  backend: BackendChoice | undefined,
  effect: Effect.Effect<A, E, R>,
) =>
  Effect.gen(function* () {
    const b = yield* TfBackend;
    yield* Effect.logInfo(`tfjs backend ${b.info.name}: ${b.info.device}`);
    return yield* effect;
  }).pipe(
    Effect.provide(
      TfBackend.layer({ prefer: backend === undefined ? BACKEND_PREFERENCE : [backend] }),
    ),
  );
