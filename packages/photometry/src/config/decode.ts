/**
 * Config decoding at the edge: unknown input (parsed JSON or YAML) → typed, resolved
 * configuration, or a ConfigError naming the field (and the file). Unknown keys are rejected.
 */
import { readFileSync } from "node:fs";
import { Effect, Schema } from "effect";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../errors.js";
import {
  ForwardModelParams,
  type ResolvedForwardModelParams,
  resolveForwardModelParams,
} from "./forward-model-params.js";
import {
  type FreeParams,
  FreeParamsInput,
  resolveFreeParams,
  SEED_FREE_PARAMS,
} from "./free-params.js";
import {
  resolveSamplingParams,
  type SamplingParams,
  SamplingParamsInput,
} from "./sampling-params.js";

/** `at ["modelParams"][1]["rangeMax"]` → `modelParams.1.rangeMax`. */
function issuePath(message: string): string {
  const m = /at ((?:\[[^\]]*\])+)/.exec(message);
  if (!m) return "";
  return [...m[1].matchAll(/\["?([^"\]]*)"?\]/g)].map((x) => x[1]).join(".");
}

/** Prefixes the field of a ConfigError with a section and suffixes the file, when given. */
const locate =
  (prefix: string, file: string | undefined) =>
  (e: ConfigError): ConfigError =>
    new ConfigError({
      field: `${[prefix, e.field].filter((s) => s !== "").join(".") || "(root)"}${file ? ` (in ${file})` : ""}`,
      reason: e.reason,
    });

/** Decodes `input` with `schema`, mapping a schema failure to a ConfigError naming the field. */
export const decodeWith =
  <S extends Schema.Decoder<unknown>>(schema: S) =>
  (input: unknown): Effect.Effect<S["Type"], ConfigError> =>
    Schema.decodeUnknownEffect(schema)(input, { onExcessProperty: "error" }).pipe(
      Effect.mapError(
        (e) =>
          new ConfigError({ field: issuePath(e.message), reason: e.message.split("\n")[0].trim() }),
      ),
    ) as Effect.Effect<S["Type"], ConfigError>;

const forwardModel = (input: unknown) =>
  decodeWith(ForwardModelParams)(input).pipe(Effect.flatMap(resolveForwardModelParams));
const freeParams = (input: unknown) =>
  decodeWith(FreeParamsInput)(input).pipe(Effect.flatMap(resolveFreeParams));
const samplingParams = (input: unknown) =>
  decodeWith(SamplingParamsInput)(input).pipe(Effect.map(resolveSamplingParams));

/** Decodes and resolves a ForwardModelParams object (templates merged, log rule applied). */
export const decodeForwardModelParams = (
  input: unknown,
  file?: string,
): Effect.Effect<ResolvedForwardModelParams, ConfigError> =>
  forwardModel(input).pipe(Effect.mapError(locate("", file)));

/** Decodes FreeParams (any key order; the result is in the pinned θ order). */
export const decodeFreeParams = (
  input: unknown,
  file?: string,
): Effect.Effect<FreeParams, ConfigError> =>
  freeParams(input).pipe(Effect.mapError(locate("freeParams", file)));

/** Decodes SamplingParams over the seed's defaults. */
export const decodeSamplingParams = (
  input: unknown,
  file?: string,
): Effect.Effect<SamplingParams, ConfigError> =>
  samplingParams(input).pipe(Effect.mapError(locate("samplingParams", file)));

/** A whole simulation config file: optional sections, each falling back to the seed's. */
export const SimulationConfigFile = Schema.Struct({
  forwardModel: Schema.optionalKey(Schema.Unknown),
  freeParams: Schema.optionalKey(Schema.Unknown),
  samplingParams: Schema.optionalKey(Schema.Unknown),
});

export interface SimulationConfig {
  /** Undefined when the file has no `forwardModel` section (use agnfinder's model). */
  readonly forwardModel: ResolvedForwardModelParams | undefined;
  readonly freeParams: FreeParams;
  readonly samplingParams: SamplingParams;
}

/** Parses config text: YAML when `file` ends in `.yaml`/`.yml`, JSON otherwise. */
export function parseConfigText(text: string, file: string): Effect.Effect<unknown, ConfigError> {
  return Effect.try({
    try: () => (/\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text)) as unknown,
    catch: (e) =>
      new ConfigError({
        field: `(root) (in ${file})`,
        reason: e instanceof Error ? e.message : String(e),
      }),
  });
}

/** Decodes a parsed simulation config (sections `forwardModel`, `freeParams`, `samplingParams`). */
export const decodeSimulationConfig = (
  input: unknown,
  file?: string,
): Effect.Effect<SimulationConfig, ConfigError> =>
  Effect.gen(function* () {
    const top = yield* decodeWith(SimulationConfigFile)(input ?? {}).pipe(
      Effect.mapError(locate("", file)),
    );
    const fm =
      top.forwardModel === undefined
        ? undefined
        : yield* forwardModel(top.forwardModel).pipe(Effect.mapError(locate("forwardModel", file)));
    return {
      forwardModel: fm,
      freeParams: yield* decodeFreeParams(top.freeParams ?? SEED_FREE_PARAMS, file),
      samplingParams: yield* decodeSamplingParams(top.samplingParams ?? {}, file),
    };
  });

/** Reads and decodes a YAML or JSON simulation config file. */
export const loadSimulationConfig = (file: string): Effect.Effect<SimulationConfig, ConfigError> =>
  Effect.try({
    try: () => readFileSync(file, "utf8"),
    catch: (e) =>
      new ConfigError({
        field: `(root) (in ${file})`,
        reason: `cannot read: ${e instanceof Error ? e.message : String(e)}`,
      }),
  }).pipe(
    Effect.flatMap((text) => parseConfigText(text, file)),
    Effect.flatMap((input) => decodeSimulationConfig(input, file)),
  );
