/**
 * What the SAN commands (`train`, `posterior`, `calibrate`, `compare`) check before any work,
 * and the trained network they load: written once so that the four report a missing model or
 * cube with the same flag and words, and release the network the same way.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { loadSan, TfBackend } from "@sidereal/nn";
import { ConfigError } from "@sidereal/runtime";
import { Effect } from "effect";
import { type BackendChoice, withBackend } from "./backend-flag.js";

/** The absolute path of `--model` if it holds a trained SAN (its hyperparameters.json). */
export const trainedModelDir = (path: string): Effect.Effect<string, ConfigError> => {
  const dir = resolve(path);
  return existsSync(`${dir}/hyperparameters.json`)
    ? Effect.succeed(dir)
    : Effect.fail(
        new ConfigError({
          field: "--model",
          reason: `${dir} holds no trained model (hyperparameters.json); train one with \`photometry-cube train\``,
        }),
      );
};

/** The absolute path of `--cube` if the file exists. */
export const existingCube = (path: string): Effect.Effect<string, ConfigError> => {
  const file = resolve(path);
  return existsSync(file)
    ? Effect.succeed(file)
    : Effect.fail(new ConfigError({ field: "--cube", reason: `${file} does not exist` }));
};

type Loaded = Effect.Success<ReturnType<typeof loadSan>>;
type Tf = Parameters<typeof loadSan>[0];

/**
 * Runs `use` with the SAN of `modelDir` loaded on the `backend` tfjs backend; the network is
 * disposed and the backend released (and checked for leaks) at the end, also on failure.
 */
export const withSan = <A, E, R>(
  backend: BackendChoice | undefined,
  modelDir: string,
  use: (tf: Tf, san: Loaded["model"], hp: Loaded["hp"]) => Effect.Effect<A, E, R>,
) =>
  withBackend(
    backend,
    Effect.scoped(
      Effect.gen(function* () {
        const { tf } = yield* TfBackend;
        const { model, hp } = yield* Effect.acquireRelease(loadSan(tf, modelDir), ({ model: m }) =>
          Effect.sync(() => m.dispose()),
        );
        return yield* use(tf, model, hp);
      }),
    ),
  );
