/**
 * Loading spectra for `fit`, `optimize`, `bias`: a JSON file in the `simulated.json` layout
 * (`{ emission: { spectral, brightness, noise }, absorption: {...}, params? }`), or a JSON map
 * of dataset name → CSV file with the columns velocity, brightness, noise (paths relative to the
 * JSON file). Every spectrum is decoded by hi-physics' SpecData (equal lengths, finite values,
 * positive noise, monotonic axis); any problem is a `DataError` naming file, field and index.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  decodeSpecDataMap,
  type HiModelKind,
  REQUIRED_DATASETS,
  type SpecData,
} from "@sidereal/hi-physics";
import { DataError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";

/** Loaded spectra and the truths of a simulation (`params`), when the file has them. */
export interface LoadedSpectra {
  readonly data: Record<string, SpecData>;
  readonly truths?: Record<string, Float64Array>;
}

const CSV_COLUMNS = ["velocity", "brightness", "noise"] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A CSV file of numeric columns (header line first; `#` comment lines skipped). */
export function readCsvColumns(
  file: string,
): Effect.Effect<Record<(typeof CSV_COLUMNS)[number], number[]>, DataError> {
  return Effect.gen(function* () {
    const text = yield* Effect.try({
      try: () => readFileSync(file, "utf8"),
      catch: (e) => new DataError({ file, reason: reasonOf(e) }),
    });
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
    if (lines.length === 0) return yield* new DataError({ file, reason: "empty file" });
    const header = lines[0].split(",").map((h) => h.trim());
    const out = {} as Record<(typeof CSV_COLUMNS)[number], number[]>;
    for (const name of CSV_COLUMNS) {
      const col = header.indexOf(name);
      if (col < 0)
        return yield* new DataError({
          file,
          field: name,
          reason: `missing column (header: ${header.join(", ")})`,
        });
      const values: number[] = [];
      for (let r = 1; r < lines.length; r++) {
        const cell = (lines[r].split(",")[col] ?? "").trim();
        const x = cell === "" ? Number.NaN : Number(cell);
        if (!Number.isFinite(x))
          return yield* new DataError({
            file,
            field: name,
            row: r - 1,
            reason: `value "${cell}" is not a finite number`,
          });
        values.push(x);
      }
      out[name] = values;
    }
    return out;
  });
}

/** Spectra of `file` (see the module doc); `model` names the datasets it needs. */
export function loadSpectra(
  file: string,
  model?: HiModelKind,
): Effect.Effect<LoadedSpectra, DataError> {
  return Effect.gen(function* () {
    const json = yield* Effect.try({
      try: () => JSON.parse(readFileSync(file, "utf8")) as unknown,
      catch: (e) => new DataError({ file, reason: reasonOf(e) }),
    });
    if (!isObject(json))
      return yield* new DataError({
        file,
        reason: "expected a JSON object of spectra by dataset name",
      });
    const spectra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(json)) {
      if (key === "params") continue;
      if (typeof value === "string") {
        const csvFile = resolve(dirname(file), value);
        const cols = yield* readCsvColumns(csvFile);
        spectra[key] = { spectral: cols.velocity, brightness: cols.brightness, noise: cols.noise };
      } else spectra[key] = value;
    }
    const needed = model ? REQUIRED_DATASETS[model] : Object.keys(spectra);
    for (const key of needed)
      if (!(key in spectra))
        return yield* new DataError({
          file,
          field: key,
          reason: `missing spectrum "${key}" (the ${model} model needs ${needed.join(", ")})`,
        });
    const picked = Object.fromEntries(needed.map((k) => [k, spectra[k]]));
    if (needed.length === 0) return yield* new DataError({ file, reason: "no spectra" });
    const data = yield* decodeSpecDataMap(picked).pipe(
      Effect.mapError(
        (e) =>
          new DataError({
            file,
            field: [e.dataset, e.field].filter((s) => s !== "").join(".") || "(root)",
            ...(e.index >= 0 ? { row: e.index } : {}),
            reason: e.message,
          }),
      ),
    );
    const params = json.params;
    if (params === undefined) return { data };
    if (!isObject(params))
      return yield* new DataError({ file, field: "params", reason: "expected an object" });
    const truths: Record<string, Float64Array> = {};
    for (const [k, v] of Object.entries(params)) {
      const arr = typeof v === "number" ? [v] : v;
      if (!Array.isArray(arr) || arr.some((x) => typeof x !== "number" || !Number.isFinite(x)))
        return yield* new DataError({
          file,
          field: `params.${k}`,
          reason: "expected a finite number or an array of them",
        });
      truths[k] = Float64Array.from(arr as number[]);
    }
    return { data, truths };
  });
}
