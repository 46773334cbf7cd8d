/**
 * Saving and loading a SAN in the tfjs weights format — `model.json` with a
 * `weightsManifest` and the little-endian float32 `weights.bin` (tfjs's Node file handler
 * needs `tfjs-node`, so the file IO is written here) — plus `hyperparameters.json` with what
 * inference needs besides weights: the configuration, input/output shapes, the photometry
 * transform and its statistics, bands, θ columns and hypercube limits, and the split.
 * Every file is written to a temporary name and renamed; `model.json` goes last.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as tf from "@tensorflow/tfjs";

/** A tensor with a name (tfjs-core's NamedTensor, not re-exported by tfjs). */
export interface NamedTensor {
  readonly name: string;
  readonly tensor: tf.Tensor;
}

import { Effect } from "effect";
import type { Tf } from "./backend.js";
import type { SanConfig } from "./config.js";
import type { TransformStats } from "./data.js";
import { errorMessage, SanFileError } from "./errors.js";
import { fileName, makeSan, type San, type SanShape } from "./san.js";

export interface SanHyperParameters {
  readonly format: "sidereal-san/1";
  readonly config: SanConfig;
  readonly shape: SanShape;
  readonly transform: TransformStats;
  readonly bands: readonly string[];
  readonly columns: readonly string[];
  /** (D, 2) hypercube limits, row-major, and log10 flags (for denormalising). */
  readonly ranges: readonly number[];
  readonly log: readonly boolean[];
  /** The cube and split the model was trained on (calibration reuses the held-out rows). */
  readonly data: {
    readonly cube: string;
    readonly rows: number;
    readonly trainFraction: number;
    readonly seed: number;
  };
}

/** Writes `text` (or bytes) to `file` via a temporary name in the same folder. */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

const fileError = (file: string) => (e: unknown) =>
  new SanFileError({ file, reason: errorMessage(e) });

/** Serialises named tensors into `dir/{stem}.json` + `dir/{stem}.bin` (tfjs weights manifest). */
export const writeTensors = (
  t: Tf,
  dir: string,
  stem: string,
  tensors: readonly NamedTensor[],
  extra: Record<string, unknown> = {},
): Effect.Effect<void, SanFileError> =>
  Effect.tryPromise({
    try: async () => {
      mkdirSync(dir, { recursive: true });
      const { data, specs } = await t.io.encodeWeights([...tensors]);
      writeAtomic(join(dir, `${stem}.bin`), new Uint8Array(data));
      const manifest = { ...extra, weightsManifest: [{ paths: [`${stem}.bin`], weights: specs }] };
      writeAtomic(join(dir, `${stem}.json`), JSON.stringify(manifest, null, 1));
    },
    catch: fileError(join(dir, `${stem}.json`)),
  });

/** Reads tensors written by `writeTensors` (the caller owns and disposes them). */
export const readTensors = (
  t: Tf,
  dir: string,
  stem: string,
): Effect.Effect<{ tensors: tf.NamedTensorMap; manifest: Record<string, unknown> }, SanFileError> =>
  Effect.try({
    try: () => {
      const manifest = JSON.parse(readFileSync(join(dir, `${stem}.json`), "utf8")) as {
        weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      };
      const group = manifest.weightsManifest[0];
      if (group === undefined) throw new Error("no weightsManifest group");
      const bytes = readFileSync(join(dir, group.paths[0] ?? `${stem}.bin`));
      const buffer = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      return { tensors: t.io.decodeWeights(buffer, group.weights), manifest };
    },
    catch: fileError(join(dir, `${stem}.json`)),
  });

/** Named copies of a model's variables (names without the instance prefix). */
export const namedVariables = (m: San): NamedTensor[] =>
  [...m.variables.values()].map((v) => ({ name: fileName(v.name), tensor: v }));

/** Saves weights (`model.json`, `weights.bin`) and `hyperparameters.json` into `dir`. */
export const saveSan = (
  t: Tf,
  m: San,
  dir: string,
  hp: SanHyperParameters,
): Effect.Effect<void, SanFileError> =>
  Effect.gen(function* () {
    yield* Effect.try({
      try: () => {
        mkdirSync(dir, { recursive: true });
        writeAtomic(join(dir, "hyperparameters.json"), `${JSON.stringify(hp, null, 1)}\n`);
      },
      catch: fileError(join(dir, "hyperparameters.json")),
    });
    yield* writeTensors(t, dir, "weights", namedVariables(m), {
      format: "sidereal-san/1",
      generatedBy: "@sidereal/nn",
    });
    // `model.json` names the weights file as tfjs expects; written last, it marks the save complete.
    yield* Effect.try({
      try: () => {
        const weights = JSON.parse(readFileSync(join(dir, "weights.json"), "utf8"));
        writeAtomic(
          join(dir, "model.json"),
          JSON.stringify({ ...weights, hyperparameters: "hyperparameters.json" }, null, 1),
        );
      },
      catch: fileError(join(dir, "model.json")),
    });
  });

/** Copies `tensors` into the model's variables by name; every variable must be present. */
export const assignVariables = (
  m: San,
  tensors: tf.NamedTensorMap,
  source: string,
): Effect.Effect<void, SanFileError> =>
  Effect.try({
    try: () => {
      for (const v of m.variables.values()) {
        const value = tensors[fileName(v.name)];
        if (value === undefined) throw new Error(`no tensor ${fileName(v.name)}`);
        if (value.shape.join() !== v.shape.join())
          throw new Error(
            `tensor ${fileName(v.name)} has shape [${value.shape}], the model needs [${v.shape}]`,
          );
        v.assign(value);
      }
    },
    catch: fileError(source),
  }).pipe(
    Effect.ensuring(
      Effect.sync(() => {
        for (const x of Object.values(tensors)) x.dispose();
      }),
    ),
  );

/** Reads `hyperparameters.json` of a model folder. */
export const readHyperParameters = (dir: string): Effect.Effect<SanHyperParameters, SanFileError> =>
  Effect.try({
    try: () => {
      const hp = JSON.parse(
        readFileSync(join(dir, "hyperparameters.json"), "utf8"),
      ) as SanHyperParameters;
      if (hp.format !== "sidereal-san/1")
        throw new Error(`format ${String(hp.format)} is not sidereal-san/1`);
      return hp;
    },
    catch: fileError(join(dir, "hyperparameters.json")),
  });

/** Loads a saved SAN (weights and hyper-parameters). The caller disposes the model. */
export const loadSan = (
  t: Tf,
  dir: string,
): Effect.Effect<{ model: San; hp: SanHyperParameters }, SanFileError> =>
  Effect.gen(function* () {
    const hp = yield* readHyperParameters(dir);
    const { tensors } = yield* readTensors(t, dir, "weights");
    const model = makeSan(t, hp.config, hp.shape);
    yield* assignVariables(model, tensors, join(dir, "weights.bin")).pipe(
      Effect.tapError(() => Effect.sync(() => model.dispose())),
    );
    return { model, hp };
  });
