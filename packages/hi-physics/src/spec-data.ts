/**
 * `SpecData` (bayes_spec's `SpecData`, spec §3.1): one observed spectrum — spectral axis,
 * brightness and per-channel noise — with its TeX axis labels and bayes_spec's normalisation
 * (spectral_norm spans [−1, 1]: offset = mean, scale = (max − min)/2; brightness scale =
 * median noise, offset 0).
 *
 * Decoded with effect/Schema: arrays of finite numbers (plain arrays or `Float64Array`s), a
 * scalar noise broadcast to every channel, then the checks the models rely on — equal lengths,
 * strictly positive noise, a strictly monotonic axis (increasing or decreasing) of at least 2
 * channels. Every failure is a `SpecDataError` naming the dataset, the field and the index.
 */
import { Cause, Effect, Exit, Schema } from "effect";
import { SpecDataError } from "./errors.js";

const FiniteArray = Schema.Array(Schema.Finite);

/** The encoded form of a spectrum (JSON or in-memory input). */
export const SpecDataInput = Schema.Struct({
  spectral: FiniteArray,
  brightness: FiniteArray,
  noise: Schema.Union([Schema.Finite, FiniteArray]),
  xlabel: Schema.optionalKey(Schema.String),
  ylabel: Schema.optionalKey(Schema.String),
});
export type SpecDataInput = typeof SpecDataInput.Type;

/** What {@link decodeSpecData} accepts: the Schema's input, arrays possibly `Float64Array`s. */
export interface SpecDataLike {
  readonly spectral: ArrayLike<number>;
  readonly brightness: ArrayLike<number>;
  readonly noise: number | ArrayLike<number>;
  readonly xlabel?: string;
  readonly ylabel?: string;
}

/** A validated spectrum (immutable by convention; arrays are private copies). */
export interface SpecData {
  readonly spectral: Float64Array;
  readonly brightness: Float64Array;
  /** Per-channel noise (a scalar input is broadcast). */
  readonly noise: Float64Array;
  /** Axis labels (TeX), bayes_spec's defaults "Spectral" and "Brightness". */
  readonly xlabel: string;
  readonly ylabel: string;
  /** mean(spectral). */
  readonly spectralOffset: number;
  /** (max − min)/2 of spectral. */
  readonly spectralScale: number;
  /** (spectral − offset)/scale ∈ [−1, 1]. */
  readonly spectralNorm: Float64Array;
  /** median(noise): the brightness scale (offset 0). */
  readonly brightnessScale: number;
  /** brightness / median(noise). */
  readonly brightnessNorm: Float64Array;
}

/** Typed arrays → plain arrays so that the Schema sees arrays. */
function plain(x: unknown): unknown {
  if (x === null || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    out[k] = ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v;
  return out;
}

/** `Expected … at ["field"][3]` → { field, index }. */
function schemaLocation(message: string): { field: string; index: number } {
  const m = /at \["([^"\]]+)"\](?:\[(\d+)\])?/.exec(message);
  return m
    ? { field: m[1], index: m[2] === undefined ? -1 : Number(m[2]) }
    : { field: "", index: -1 };
}

function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Cross-field checks and normalisation of a Schema-decoded spectrum. */
function build(input: SpecDataInput, dataset: string): Effect.Effect<SpecData, SpecDataError> {
  const fail = (field: string, index: number, message: string) =>
    Effect.fail(
      new SpecDataError({
        dataset,
        field,
        index,
        message: `${dataset ? `${dataset}: ` : ""}${message}`,
      }),
    );
  const spectral = Float64Array.from(input.spectral);
  const brightness = Float64Array.from(input.brightness);
  const n = spectral.length;
  if (n < 2) return fail("spectral", -1, `spectral must have at least 2 channels, got ${n}`);
  if (brightness.length !== n)
    return fail(
      "brightness",
      Math.min(n, brightness.length),
      `brightness has ${brightness.length} values but spectral has ${n}`,
    );
  let noise: Float64Array;
  if (typeof input.noise === "number") noise = new Float64Array(n).fill(input.noise);
  else if (input.noise.length === 1) noise = new Float64Array(n).fill(input.noise[0]);
  else if (input.noise.length !== n)
    return fail(
      "noise",
      Math.min(n, input.noise.length),
      `noise has ${input.noise.length} values but spectral has ${n}`,
    );
  else noise = Float64Array.from(input.noise);
  for (let i = 0; i < n; i++)
    if (!(noise[i] > 0))
      return fail(
        "noise",
        typeof input.noise === "number" ? -1 : i,
        `noise must be > 0, got ${noise[i]} at index ${i}`,
      );
  const direction = Math.sign(spectral[1] - spectral[0]);
  for (let i = 1; i < n; i++)
    if (Math.sign(spectral[i] - spectral[i - 1]) !== direction || direction === 0)
      return fail(
        "spectral",
        i,
        `spectral axis must be strictly monotonic; it breaks at index ${i} (${spectral[i - 1]} → ${spectral[i]})`,
      );
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of spectral) {
    sum += x;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const spectralOffset = sum / n;
  const spectralScale = (hi - lo) / 2;
  const brightnessScale = median(noise);
  return Effect.succeed({
    spectral,
    brightness,
    noise,
    xlabel: input.xlabel ?? "Spectral",
    ylabel: input.ylabel ?? "Brightness",
    spectralOffset,
    spectralScale,
    spectralNorm: spectral.map((x) => (x - spectralOffset) / spectralScale),
    brightnessScale,
    brightnessNorm: brightness.map((y) => y / brightnessScale),
  });
}

/**
 * Decodes one spectrum. `dataset` (e.g. "emission") is carried into the error.
 *
 * @example
 * const em = Effect.runSync(decodeSpecData({ spectral: [-1, 0, 1], brightness: [0, 1, 0], noise: 0.1 }));
 */
export function decodeSpecData(
  input: unknown,
  dataset = "",
): Effect.Effect<SpecData, SpecDataError> {
  return Schema.decodeUnknownEffect(SpecDataInput)(plain(input), {
    onExcessProperty: "error",
  }).pipe(
    Effect.mapError((e) => {
      const first = e.message.split("\n")[0].trim();
      const { field, index } = schemaLocation(e.message);
      return new SpecDataError({
        dataset,
        field,
        index,
        message: `${dataset ? `${dataset}: ` : ""}${field || "(spectrum)"}${index >= 0 ? `[${index}]` : ""}: ${first}`,
      });
    }),
    Effect.flatMap((decoded) => build(decoded, dataset)),
  );
}

/** {@link decodeSpecData}, synchronously: returns the spectrum or throws the `SpecDataError`. */
export function specData(input: SpecDataLike | unknown, dataset = ""): SpecData {
  return runOrThrow(decodeSpecData(input, dataset));
}

/** Runs a synchronous effect; a failure is thrown as its typed error. */
export function runOrThrow<A, E>(effect: Effect.Effect<A, E>): A {
  const exit = Effect.runSyncExit(effect);
  if (Exit.isSuccess(exit)) return exit.value;
  throw Cause.squash(exit.cause);
}

/** Decodes every spectrum of a dataset map (`{ emission: …, absorption: … }`), keeping key order. */
export function decodeSpecDataMap(
  input: unknown,
): Effect.Effect<Record<string, SpecData>, SpecDataError> {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    return Effect.fail(
      new SpecDataError({
        dataset: "",
        field: "",
        index: -1,
        message: "expected an object of spectra by dataset name",
      }),
    );
  return Effect.gen(function* () {
    const out: Record<string, SpecData> = {};
    for (const [k, v] of Object.entries(input as Record<string, unknown>))
      out[k] = yield* decodeSpecData(v, k);
    return out;
  });
}
