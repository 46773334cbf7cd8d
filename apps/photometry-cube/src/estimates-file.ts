/**
 * The per-galaxy estimates of `posterior`, as a CSV and as an HDF5 file with the same content.
 *
 * Every catalogue row has one line/row, in catalogue order: its id, its status (`ok` or
 * `missing_bands`), the missing bands (`;`-separated), the redshift flag, then per parameter
 * (physical units) the median, the mode and the 16 % / 84 % quantiles. A row that was not
 * estimated (missing bands) has empty CSV fields and NaN in the HDF5 file; it is never left
 * out.
 *
 * HDF5 layout (group `estimates`): `id`, `status`, `missing_bands` (strings, N),
 * `redshift_out_of_range` (uint8, N), `median`, `mode`, `q16`, `q84` (float64, N × D), each
 * with a `columns` attribute naming the parameters.
 */
import { withFixedClock } from "@sidereal/io";
import { RunError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";

export interface GalaxyEstimate {
  readonly id: string;
  readonly missingBands: readonly string[];
  readonly redshiftOutOfRange: boolean;
  /** Physical values (D) per statistic; undefined when the row was not estimated. */
  readonly median?: Float64Array;
  readonly mode?: Float64Array;
  readonly q16?: Float64Array;
  readonly q84?: Float64Array;
}

const STATS = ["median", "mode", "q16", "q84"] as const;

export const statusOf = (e: GalaxyEstimate) => (e.missingBands.length > 0 ? "missing_bands" : "ok");

/** CSV text of the estimates (see the module doc). */
export function estimatesCsv(params: readonly string[], rows: readonly GalaxyEstimate[]): string {
  const header = [
    "id",
    "status",
    "missing_bands",
    "redshift_out_of_range",
    ...STATS.flatMap((s) => params.map((p) => `${p}_${s}`)),
  ];
  const lines = [header.join(",")];
  for (const r of rows) {
    const values = STATS.flatMap((s) => {
      const v = r[s];
      return v === undefined ? params.map(() => "") : Array.from(v, (x) => String(x));
    });
    const id = /[",\n]/.test(r.id) ? `"${r.id.replaceAll('"', '""')}"` : r.id;
    lines.push(
      [id, statusOf(r), r.missingBands.join(";"), String(r.redshiftOutOfRange), ...values].join(
        ",",
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Writes the HDF5 file of the estimates to `path` (see the module doc). */
export const writeEstimatesHdf5 = (
  path: string,
  params: readonly string[],
  rows: readonly GalaxyEstimate[],
): Effect.Effect<void, RunError> =>
  Effect.tryPromise({
    try: async () => {
      const h5wasm = (await import("h5wasm/node")).default;
      await h5wasm.ready;
      const D = params.length;
      const N = rows.length;
      withFixedClock(() => {
        const f = new h5wasm.File(path, "w");
        try {
          const g = f.create_group("estimates");
          g.create_attribute("rows", N);
          g.create_attribute("columns", [...params]);
          // an empty string array cannot be stored by h5wasm: write one blank per row
          const strings = (xs: string[]) => (N === 0 ? [""] : xs);
          g.create_dataset({ name: "id", data: strings(rows.map((r) => r.id)) });
          g.create_dataset({ name: "status", data: strings(rows.map(statusOf)) });
          g.create_dataset({
            name: "missing_bands",
            data: strings(rows.map((r) => r.missingBands.join(";"))),
          });
          g.create_dataset({
            name: "redshift_out_of_range",
            data: Uint8Array.from(rows, (r) => (r.redshiftOutOfRange ? 1 : 0)),
          });
          for (const s of STATS) {
            const data = new Float64Array(N * D).fill(Number.NaN);
            rows.forEach((r, i) => {
              const v = r[s];
              if (v !== undefined) data.set(v, i * D);
            });
            const d = g.create_dataset({ name: s, data, shape: [N, D] });
            d.create_attribute("columns", [...params]);
          }
        } finally {
          f.close();
        }
      });
    },
    catch: (e) => new RunError({ stage: `writing ${path}`, reason: reasonOf(e) }),
  });
