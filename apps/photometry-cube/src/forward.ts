/**
 * `photometry-cube forward`: one forward-model run per row of a CSV of θ (columns named as the
 * pinned θ order, physical values; other columns ignored and kept). The output repeats every
 * input row and adds `maggies_<band>` per band in filter-set order (an input column of that
 * name is replaced). Every row is checked and simulated before anything is written.
 */
import { FILTER_SET_NAMES, ThetaError } from "@sidereal/photometry";
import { appCommand, DataError, Flags, NonEmptyString, Progress } from "@sidereal/runtime";
import { Effect, Schema } from "effect";
import { csvText, numericColumn, readCsv } from "./csv.js";
import { loadModel } from "./model.js";
import { checkOutputFile, writeOutputFile } from "./output-file.js";

const ForwardConfig = Schema.Struct({
  theta: NonEmptyString,
  filters: Schema.Literals(FILTER_SET_NAMES),
  out: Schema.String,
  agnOnly: Schema.Boolean,
});

/** Runs `forward` (see the module doc). */
export const runForward = (c: typeof ForwardConfig.Type) =>
  Effect.gen(function* () {
    const out = yield* checkOutputFile(c.out);
    const { model } = yield* loadModel({ filters: c.filters, agnOnly: c.agnOnly });
    const table = yield* readCsv(c.theta);
    const cols: Float64Array[] = [];
    for (const name of model.thetaColumns) cols.push(yield* numericColumn(table, name));
    const d = cols.length;
    const n = table.rows.length;
    const bandCols = model.bands.map((b) => `maggies_${b}`);
    const theta = new Float64Array(d);
    const maggies: string[][] = [];
    const progress = yield* Progress;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) theta[j] = cols[j][i];
      const y = yield* Effect.try({
        try: () => model.forward(theta),
        catch: (e) =>
          e instanceof ThetaError
            ? new DataError({
                file: c.theta,
                field: e.field,
                row: i,
                reason: `value ${e.value}: ${e.reason}`,
              })
            : new DataError({ file: c.theta, row: i, reason: String(e) }),
      });
      maggies.push(Array.from(y, String));
      if (i % 100 === 99 || i === n - 1) progress.update("forward", i + 1, n);
    }
    const keep = table.header.map((h, j) => (bandCols.includes(h) ? -1 : j)).filter((j) => j >= 0);
    const header = [...keep.map((j) => table.header[j]), ...bandCols];
    const rows = table.rows.map((r, i) => [...keep.map((j) => r[j]), ...maggies[i]]);
    yield* writeOutputFile(out, csvText(header, rows));
    progress.message(`${out}: ${n} rows, ${bandCols.length} bands`);
  });

export const forward = appCommand({
  name: "forward",
  description:
    "run the forward model on every row of a CSV of θ (zred, mass, dust2, tage, tau, agn_mass, agn_eb_v, agn_torus_mass, inclination) and write it back with maggies_<band> columns",
  config: ForwardConfig,
  defaults: { filters: "Euclid", agnOnly: false },
  flags: {
    theta: Flags.string("theta", "input CSV of physical θ, one row per run"),
    filters: Flags.choice("filters", FILTER_SET_NAMES, "filter set (default Euclid)"),
    out: Flags.string("out", "output CSV (written when every row has been simulated)"),
    agnOnly: Flags.boolean("agn-only", "leave out the stellar part (agnfinder's §3.6 validation)"),
  },
  pathFields: ["theta", "out"],
  run: runForward,
});
