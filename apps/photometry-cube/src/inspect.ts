/**
 * `photometry-cube inspect FILE.hdf5 --out DIR`: what is in a cube: row count, layout, the
 * range of every θ column and band, a corner plot of θ (log10 of the log-sampled columns) and
 * a colour–colour plot of the photometry (AB magnitudes of the three bluest bands), on an
 * evenly strided subsample of at most 3,000 rows, in `DIR/index.html` with `summary.json`.
 * The cube is read in blocks, so any size fits in memory.
 */
import { type CubeInfo, readCubeInfo, readCubeRows } from "@sidereal/photometry";
import { plotPair, plotScatterColored, renderReportHtml } from "@sidereal/plots";
import {
  DataError,
  Progress,
  RunInfo,
  withOutputDir,
  writeJson,
  writeText,
} from "@sidereal/runtime";
import { Effect } from "effect";
import { Argument, Command, Flag } from "effect/cli";
import { checkHdf5File } from "./hdf5-check.js";

const BLOCK = 16_384;
const PLOT_ROWS = 3000;

interface Range {
  min: number;
  max: number;
  nonFinite: number;
}
const range = (): Range => ({ min: Infinity, max: -Infinity, nonFinite: 0 });
const add = (r: Range, v: number) => {
  if (!Number.isFinite(v)) r.nonFinite++;
  else {
    if (v < r.min) r.min = v;
    if (v > r.max) r.max = v;
  }
};

const abMag = (maggies: number) => -2.5 * Math.log10(maggies);

/** Reads the cube's layout (a missing or unreadable file is a DataError: exit 2). */
const cubeInfo = (file: string): Effect.Effect<CubeInfo, DataError> =>
  checkHdf5File(file).pipe(
    Effect.flatMap(() =>
      readCubeInfo(file).pipe(
        Effect.mapError(
          (e) => new DataError({ file, reason: `not a readable cube file (${e.reason})` }),
        ),
      ),
    ),
  );

/** Runs `inspect` (see the module doc). */
export const runInspect = (file: string, out: string) =>
  withOutputDir(out, (dir) =>
    Effect.gen(function* () {
      const info = yield* cubeInfo(file);
      const progress = yield* Progress;
      const { layout, rows } = info;
      const D = layout.columns.length;
      const F = layout.bands.length;
      const thetaRanges = layout.columns.map(range);
      const bandRanges = layout.bands.map(range);
      const stride = Math.max(1, Math.ceil(rows / PLOT_ROWS));
      const picked = Math.ceil(rows / stride);
      const plotTheta = layout.columns.map(() => new Float64Array(picked));
      const plotMag = layout.bands.map(() => new Float64Array(picked));
      let k = 0;
      for (let s = 0; s < rows; s += BLOCK) {
        const n = Math.min(BLOCK, rows - s);
        const block = yield* readCubeRows(file, s, n).pipe(
          Effect.mapError((e) => new DataError({ file, row: s, reason: e.reason })),
        );
        for (let r = 0; r < n; r++) {
          for (let j = 0; j < D; j++) add(thetaRanges[j], block.theta[r * D + j]);
          for (let b = 0; b < F; b++) add(bandRanges[b], block.simulatedY[r * F + b]);
          if ((s + r) % stride === 0) {
            for (let j = 0; j < D; j++) {
              const v = block.theta[r * D + j];
              plotTheta[j][k] = layout.log[j] ? Math.log10(v) : v;
            }
            for (let b = 0; b < F; b++) plotMag[b][k] = abMag(block.simulatedY[r * F + b]);
            k++;
          }
        }
        progress.update("reading", s + n, rows);
      }
      const names = layout.parameterNames.length === D ? layout.parameterNames : layout.columns;
      const label = (j: number) => (layout.log[j] ? `log10 ${names[j]}` : names[j]);
      const corner = plotPair(
        Object.fromEntries(plotTheta.map((v, j) => [label(j), { draws: v, shape: [1, picked] }])),
        { maxVars: D, kind: "scatter", showTitles: false },
      );
      const figures = [
        { name: "theta-corner.svg", svg: corner, caption: `θ, ${picked} of ${rows} rows` },
      ];
      if (F >= 3) {
        // the three bluest bands in wavelength order (agnfinder's DES order is g, i, r)
        const [i0, i1, i2] = layout.bands
          .map((_, i) => i)
          .sort((a, b) => layout.wavelengths[a] - layout.wavelengths[b]);
        const [b0, b1, b2] = [layout.bands[i0], layout.bands[i1], layout.bands[i2]];
        const x = plotMag[i1].map((v, i) => plotMag[i0][i] - v);
        const y = plotMag[i2].map((v, i) => plotMag[i1][i] - v);
        const z = D > 0 ? plotTheta[0] : new Float64Array(picked);
        figures.push({
          name: "colour-colour.svg",
          svg: plotScatterColored({
            x,
            y,
            c: z,
            xLabel: `${b0} - ${b1} (AB mag)`,
            yLabel: `${b1} - ${b2} (AB mag)`,
            colorLabel: label(0),
            title: "colour-colour",
          }),
          caption: `colours of the three bluest bands, coloured by ${label(0)}`,
        });
      }
      const fmt = (r: Range) => [r.min, r.max, r.nonFinite] as const;
      const summary = {
        file,
        rows,
        filterSet: layout.filterSet,
        columns: layout.columns,
        parameterNames: layout.parameterNames,
        units: layout.units,
        bands: layout.bands,
        wavelengths: Array.from(layout.wavelengths),
        theta: Object.fromEntries(names.map((c, j) => [c, fmt(thetaRanges[j])])),
        maggies: Object.fromEntries(layout.bands.map((b, i) => [b, fmt(bandRanges[i])])),
      };
      yield* writeJson(dir.file("summary.json"), summary);
      for (const f of figures) yield* writeText(dir.file(f.name), f.svg);
      const html = renderReportHtml({
        title: `Cube ${file}`,
        subtitle: `${rows} rows, ${D} parameters, ${F} bands (${layout.filterSet})`,
        sections: [
          {
            heading: "Parameters",
            table: {
              columns: ["column", "model name", "units", "min", "max", "non-finite"],
              rows: layout.columns.map((c, j) => [
                c,
                names[j],
                layout.units[j] ?? "",
                ...fmt(thetaRanges[j]),
              ]),
            },
          },
          {
            heading: "Photometry (AB maggies)",
            table: {
              columns: ["band", "wavelength (Å)", "min", "max", "non-finite"],
              rows: layout.bands.map((b, i) => [b, layout.wavelengths[i], ...fmt(bandRanges[i])]),
            },
          },
          { heading: "Plots", images: figures.map((f) => ({ src: f.name, caption: f.caption })) },
        ],
      });
      yield* writeText(dir.file("index.html"), html);
      progress.message(`${out}/index.html: ${rows} rows`);
    }),
  );

/** The command (a positional FILE, so built on effect/cli directly; same services). */
export const inspect = Command.make(
  "inspect",
  {
    file: Argument.String("FILE.hdf5").pipe(Argument.withDescription("the cube to inspect")),
    out: Flag.String("out").pipe(
      Flag.withDescription("output folder (index.html, summary.json, plots)"),
    ),
    quiet: Flag.Boolean("quiet").pipe(
      Flag.withDescription("no progress output"),
      Flag.withDefault(false),
    ),
  },
  ({ file, out, quiet }) =>
    runInspect(file, out).pipe(
      Effect.provide(Progress.layerFor({ quiet })),
      Effect.provide(
        RunInfo.make({
          program: "photometry-cube",
          command: ["photometry-cube", "inspect"],
          config: { file, out },
          startedAt: new Date().toISOString(),
        }),
      ),
    ),
).pipe(
  Command.withDescription(
    "counts, ranges, a corner plot of θ and a colour-colour plot of a cube, as an HTML page in --out",
  ),
);
