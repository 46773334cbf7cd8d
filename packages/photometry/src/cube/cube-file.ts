/**
 * Writing and reading cube files with h5wasm, in bounded memory: `openCubeWriter` creates
 * the datasets empty (chunked, resized to M rows) and takes row blocks in any order;
 * `close` renames the temporary file into place, so a killed run never leaves a complete-
 * looking file. `readCubeRows` reads a block of rows back.
 */

import { randomBytes } from "node:crypto";
import { renameSync, rmSync } from "node:fs";
import { withFixedClock } from "@sidereal/io";
import { Effect } from "effect";
import type H5Module from "h5wasm/node";
import { CubeFileError } from "../errors.js";
import type { CubeLayout } from "./layout.js";

type H5 = typeof H5Module;
type H5File = InstanceType<H5["File"]>;
type H5Dataset = InstanceType<H5["Dataset"]>;
type H5Group = InstanceType<H5["Group"]>;

/** A block of cube rows, row-major. */
export interface CubeRows {
  readonly theta: Float64Array;
  readonly normalisedTheta: Float64Array;
  readonly simulatedY: Float64Array;
}

export interface CubeWriter {
  readonly path: string;
  readonly rows: number;
  /** Writes rows [start, start + n) (n from the block's length). */
  write(start: number, block: CubeRows): Effect.Effect<void, CubeFileError>;
  /** Closes and renames the file into place. */
  close(): Effect.Effect<void, CubeFileError>;
  /** Closes and removes the temporary file. */
  abort(): Effect.Effect<void>;
}

// h5wasm (a WebAssembly build of HDF5) is loaded on first use, not when the package is
// imported: forward-model workers never pay for it.
let loading: Promise<H5> | undefined;
const ready: Effect.Effect<H5> = Effect.promise(() => {
  loading ??= import("h5wasm/node").then(async (m) => {
    await m.default.ready;
    return m.default;
  });
  return loading;
});
const CHUNK_ROWS = 4096;

const fail = (file: string) => (e: unknown) =>
  new CubeFileError({ file, reason: e instanceof Error ? e.message : String(e) });

function emptyDataset(g: H5Group, name: string, rows: number, cols: number | null): H5Dataset {
  const shape = cols === null ? [0] : [0, cols];
  const maxshape = cols === null ? [null] : [null, cols];
  const chunks =
    cols === null
      ? [Math.max(1, Math.min(rows, CHUNK_ROWS))]
      : [Math.max(1, Math.min(rows, CHUNK_ROWS)), cols];
  const d = g.create_dataset({ name, data: new Float64Array(0), shape, maxshape, chunks });
  d.resize(cols === null ? [rows] : [rows, cols]);
  return d;
}

/** Opens a cube of `rows` rows for writing (to a temporary name until `close`). */
export function openCubeWriter(
  path: string,
  layout: CubeLayout,
  rows: number,
): Effect.Effect<CubeWriter, CubeFileError> {
  return Effect.gen(function* () {
    const h5wasm = yield* ready;
    const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
    const D = layout.columns.length;
    const F = layout.bands.length;
    // every HDF5 call runs under a fixed clock, so that HDF5's object-header times do not
    // make two cubes of the same rows differ (a resumed run equals an uninterrupted one)
    const file = yield* Effect.try({
      try: () =>
        withFixedClock(() => {
          const f: H5File = new h5wasm.File(temp, "w");
          if (f.file_id < 0n) throw new Error(`HDF5 could not create ${temp}`);
          return f;
        }),
      catch: fail(path),
    });
    const sets = yield* Effect.try({
      try: () =>
        withFixedClock(() => {
          const g = file.create_group("samples");
          g.create_attribute("filter_set", layout.filterSet);
          g.create_attribute("filters", [...layout.bands]);
          g.create_attribute("rows", rows);
          const theta = emptyDataset(g, "theta", rows, D);
          theta.create_attribute("columns", [...layout.columns]);
          theta.create_attribute("description", "Parameters used by simulator");
          theta.create_attribute("parameter_names", [...layout.parameterNames]);
          theta.create_attribute("units", [...layout.units]);
          theta.create_attribute("ranges", layout.ranges, [D, 2]);
          theta.create_attribute(
            "log",
            Uint8Array.from(layout.log, (b) => (b ? 1 : 0)),
          );
          const norm = emptyDataset(g, "normalised_theta", rows, D);
          norm.create_attribute("columns", [...layout.columns]);
          norm.create_attribute("description", "Normalised parameters used by simulator");
          norm.create_attribute("parameter_names", [...layout.parameterNames]);
          norm.create_attribute("ranges", layout.ranges, [D, 2]);
          norm.create_attribute(
            "log",
            Uint8Array.from(layout.log, (b) => (b ? 1 : 0)),
          );
          const y = emptyDataset(g, "simulated_y", rows, F);
          y.create_attribute("description", "Response of simulator");
          y.create_attribute("columns", [...layout.bands]);
          y.create_attribute("units", "AB maggies");
          const w = g.create_dataset({ name: "wavelengths", data: layout.wavelengths });
          w.create_attribute(
            "description",
            "Observer wavelengths to visualise simulator photometry",
          );
          w.create_attribute("units", "Angstrom");
          return { theta, norm, y };
        }),
      catch: (e) => {
        file.close();
        rmSync(temp, { force: true });
        return fail(path)(e);
      },
    });
    const writer: CubeWriter = {
      path,
      rows,
      write: (start, block) =>
        Effect.try({
          try: () => {
            const n = block.theta.length / D;
            if (
              !Number.isInteger(n) ||
              block.normalisedTheta.length !== n * D ||
              block.simulatedY.length !== n * F
            )
              throw new Error(
                `block shapes disagree: ${block.theta.length}, ${block.normalisedTheta.length}, ${block.simulatedY.length} for D = ${D}, F = ${F}`,
              );
            if (start < 0 || start + n > rows)
              throw new Error(`rows [${start}, ${start + n}) outside [0, ${rows})`);
            if (n === 0) return;
            withFixedClock(() => {
              sets.theta.write_slice([[start, start + n], []], block.theta);
              sets.norm.write_slice([[start, start + n], []], block.normalisedTheta);
              sets.y.write_slice([[start, start + n], []], block.simulatedY);
            });
          },
          catch: fail(path),
        }),
      close: () =>
        Effect.try({
          try: () => {
            withFixedClock(() => file.close());
            renameSync(temp, path);
          },
          catch: (e) => {
            rmSync(temp, { force: true });
            return fail(path)(e);
          },
        }),
      abort: () =>
        Effect.sync(() => {
          try {
            file.close();
          } finally {
            rmSync(temp, { force: true });
          }
        }),
    };
    return writer;
  });
}

/** Writes a whole cube (e.g. one worker's partial file) atomically. */
export const writeCube = (
  path: string,
  layout: CubeLayout,
  rows: CubeRows,
): Effect.Effect<void, CubeFileError> =>
  Effect.gen(function* () {
    const w = yield* openCubeWriter(path, layout, rows.theta.length / layout.columns.length);
    yield* w.write(0, rows).pipe(Effect.tapError(() => w.abort()));
    yield* w.close();
  });

export interface CubeInfo {
  readonly rows: number;
  readonly layout: CubeLayout;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)]);

function withFile<A>(
  path: string,
  f: (file: H5File, h5wasm: H5) => A,
): Effect.Effect<A, CubeFileError> {
  return ready.pipe(
    Effect.flatMap((h5wasm) =>
      Effect.try({
        try: () => {
          const file: H5File = new h5wasm.File(path, "r");
          if (file.file_id < 0n) throw new Error("HDF5 could not open the file");
          try {
            return f(file, h5wasm);
          } finally {
            file.close();
          }
        },
        catch: fail(path),
      }),
    ),
  );
}

const dataset = (file: H5File, name: string, h5wasm: H5): H5Dataset => {
  const d = file.get(`samples/${name}`);
  if (!(d instanceof h5wasm.Dataset)) throw new Error(`no dataset samples/${name}`);
  return d;
};

/** Row count and layout of a cube file. */
export const readCubeInfo = (path: string): Effect.Effect<CubeInfo, CubeFileError> =>
  withFile(path, (file, h5) => {
    const theta = dataset(file, "theta", h5);
    const y = dataset(file, "simulated_y", h5);
    const g = file.get("samples") as H5Group;
    const attr = (d: { attrs: Record<string, { value: unknown }> }, k: string) => d.attrs[k]?.value;
    const shape = theta.shape ?? [0, 0];
    return {
      rows: shape[0],
      layout: {
        columns: strings(attr(theta, "columns")),
        parameterNames: strings(attr(theta, "parameter_names") ?? []),
        units: strings(attr(theta, "units") ?? []),
        ranges: Float64Array.from((attr(theta, "ranges") as ArrayLike<number>) ?? []),
        log: Array.from((attr(theta, "log") as ArrayLike<number>) ?? [], (v) => v !== 0),
        bands: strings(attr(y, "columns") ?? attr(g, "filters") ?? []),
        wavelengths: dataset(file, "wavelengths", h5).value as Float64Array,
        filterSet: String(attr(g, "filter_set") ?? "custom"),
      },
    };
  });

/** Rows [start, start + count) of a cube file. */
export const readCubeRows = (
  path: string,
  start: number,
  count: number,
): Effect.Effect<CubeRows, CubeFileError> =>
  withFile(path, (file, h5) => {
    const get = (name: string) =>
      count === 0
        ? new Float64Array(0)
        : Float64Array.from(
            dataset(file, name, h5).slice([[start, start + count], []]) as Float64Array,
          );
    return {
      theta: get("theta"),
      normalisedTheta: get("normalised_theta"),
      simulatedY: get("simulated_y"),
    };
  });
