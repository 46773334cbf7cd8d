/**
 * The SAN commands' failures in the runtime's terms, so each ends as one line with the right
 * exit code: a bad hyper-parameter is a `ConfigError` naming its flag (exit 2), an unusable
 * cube, model or catalogue a `DataError` naming the file and field (exit 2), and a failure of
 * the tfjs computation or of writing the results a `RunError` (exit 1).
 */
import { ConfigError, DataError, RunError } from "@sidereal/runtime";
import { Effect } from "effect";

/** Hyper-parameter fields of `SanConfig` and the flags that set them. */
const CONFIG_FLAGS: Record<string, string> = {
  moduleShape: "--shape",
  mixtureComponents: "--mixtures",
  batch: "--batch",
  epochs: "--epochs",
  learningRate: "--lr",
  learningRateDecay: "--lr-decay",
  trainFraction: "--train-fraction",
  sequenceFeatures: "--config",
};

interface NnFailure {
  readonly _tag: string;
  readonly reason?: string;
  readonly field?: string;
  readonly value?: string;
  readonly file?: string;
}

/** Maps one @sidereal/nn failure (see the module doc). */
export function fromNnFailure(
  e: NnFailure,
  stage: string,
  outDir?: string,
): ConfigError | DataError | RunError {
  if (e instanceof ConfigError || e instanceof DataError || e instanceof RunError) return e;
  switch (e._tag) {
    case "SanInputError": {
      const flag = e.field === undefined ? undefined : CONFIG_FLAGS[e.field];
      if (flag !== undefined)
        return new ConfigError({ field: flag, reason: `${e.value}: ${e.reason}` });
      // data fields are written `FILE: field` by the nn package
      const [file, field] = (e.field ?? "input").includes(": ")
        ? (e.field ?? "").split(": ", 2)
        : [stage, e.field ?? "input"];
      return new DataError({ file, field, reason: `${e.value}: ${e.reason}` });
    }
    case "SanFileError":
      // a file this command writes is a failed run, not a bad input
      if (outDir && e.file?.startsWith(outDir))
        return new RunError({ stage: `writing ${e.file}`, reason: e.reason ?? "failed" });
      return new DataError({ file: e.file ?? stage, reason: e.reason ?? "unreadable" });
    case "TfBackendError":
      return new RunError({ stage: "tfjs backend", reason: e.reason ?? "no backend loaded" });
    default:
      return new RunError({ stage, reason: e.reason ?? e._tag });
  }
}

/** `effect` with its @sidereal/nn failures mapped by {@link fromNnFailure}. */
export const mapNnFailures = <A, E extends NnFailure, R>(
  effect: Effect.Effect<A, E, R>,
  stage: string,
  outDir?: string,
): Effect.Effect<A, ConfigError | DataError | RunError, R> =>
  Effect.mapError(effect, (e) => fromNnFailure(e, stage, outDir));
