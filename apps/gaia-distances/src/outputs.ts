/**
 * The files every command writes into its output folder: idata.nc, summary.json,
 * summary.txt, draws.csv, plots/*.svg + *.png and index.html (plus extra files such as
 * membership.csv). Every file is written atomically (temporary name, then rename).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  formatSummary,
  type McmcResult,
  type SummaryTable,
  summary,
} from "@sidereal/autodiff-samplers";
import { type Dataset, type InferenceData, writeInferenceData } from "@sidereal/io";
import {
  type ConfigValue,
  type ReportSection,
  toPng,
  writeFileAtomic,
  writeReport,
} from "@sidereal/plots";
import { Effect } from "effect";
import { drawsCsv, type VariableDraws } from "./draws-csv.js";
import { OutputError } from "./errors.js";

/** One figure: file stem under plots/, SVG text and a caption for the report. */
export interface Figure {
  readonly name: string;
  readonly svg: string;
  readonly caption: string;
}

/** Everything a command writes into one folder. */
export interface RunOutputs {
  readonly dir: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly idata: InferenceData;
  /** Variables of summary.json / summary.txt (ArviZ az.summary columns). */
  readonly summaryVars: Readonly<Record<string, VariableDraws>>;
  /** Variables of draws.csv. */
  readonly csvVars: Readonly<Record<string, VariableDraws>>;
  readonly divergences: number;
  readonly totalDraws: number;
  readonly figures: readonly Figure[];
  /** Further files: name → text. */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** Report sections placed after the summary and before the figures. */
  readonly sections?: readonly ReportSection[];
  readonly warnings?: readonly string[];
}

/** Site draws of an mcmc result with dims, for InferenceData (arrays shared). */
export function posteriorDataset(
  res: McmcResult,
  renameDims: Readonly<Record<string, readonly string[]>> = {},
): Dataset {
  const variables: Dataset["variables"] = {};
  for (const [name, s] of Object.entries(res.samples))
    variables[name] = { dims: [...(renameDims[name] ?? s.dims)], shape: s.shape, data: s.draws };
  return { variables };
}

/** Sampler statistics of an mcmc result, ArviZ names. */
export function sampleStatsDataset(res: McmcResult): Dataset {
  const variables: Dataset["variables"] = {};
  for (const [name, s] of Object.entries(res.sampleStats))
    variables[name] = { dims: [...s.dims], shape: [...s.shape], data: s.draws };
  return { variables };
}

/** The summary table as JSON: label → column → value, non-finite values as null. */
export function summaryJson(table: SummaryTable): Record<string, Record<string, number | null>> {
  const out: Record<string, Record<string, number | null>> = {};
  for (const [label, row] of Object.entries(table)) {
    out[label] = {};
    for (const [col, v] of Object.entries(row)) out[label][col] = Number.isFinite(v) ? v : null;
  }
  return out;
}

const attempt = (path: string, run: () => Promise<unknown>) =>
  Effect.tryPromise({
    try: async () => {
      await run();
    },
    catch: (e) => new OutputError({ path, reason: e instanceof Error ? e.message : String(e) }),
  });

/** Writes the outputs (see the module doc); returns the summary table. */
export function writeOutputs(o: RunOutputs): Effect.Effect<SummaryTable, OutputError> {
  return Effect.gen(function* () {
    const table = yield* Effect.try({
      try: () => summary(o.summaryVars, { hdiProb: 0.94 }),
      catch: (e) =>
        new OutputError({
          path: join(o.dir, "summary.json"),
          reason: e instanceof Error ? e.message : String(e),
        }),
    });
    const text = `${formatSummary(table)}\n\nNumber of divergences: ${o.divergences}\n`;
    const dir = o.dir;
    yield* attempt(join(dir, "plots"), () => mkdir(join(dir, "plots"), { recursive: true }));
    yield* attempt(join(dir, "idata.nc"), () =>
      writeInferenceData(join(dir, "idata.nc"), o.idata, { inferenceLibrary: "sidereal" }),
    );
    yield* attempt(join(dir, "summary.json"), () =>
      writeFileAtomic(
        join(dir, "summary.json"),
        `${JSON.stringify(summaryJson(table), null, 2)}\n`,
      ),
    );
    yield* attempt(join(dir, "summary.txt"), () => writeFileAtomic(join(dir, "summary.txt"), text));
    yield* attempt(join(dir, "draws.csv"), () =>
      writeFileAtomic(join(dir, "draws.csv"), drawsCsv(o.csvVars)),
    );
    for (const [name, body] of Object.entries(o.extraFiles ?? {}))
      yield* attempt(join(dir, name), () => writeFileAtomic(join(dir, name), body));
    for (const f of o.figures) {
      const svg = join(dir, "plots", `${f.name}.svg`);
      const png = join(dir, "plots", `${f.name}.png`);
      yield* attempt(svg, () => writeFileAtomic(svg, f.svg));
      yield* attempt(png, () => writeFileAtomic(png, toPng(f.svg)));
    }
    const files = [
      "idata.nc",
      "summary.json",
      "summary.txt",
      "draws.csv",
      ...Object.keys(o.extraFiles ?? {}),
    ];
    yield* attempt(join(dir, "index.html"), () =>
      writeReport(dir, {
        title: o.title,
        ...(o.subtitle !== undefined ? { subtitle: o.subtitle } : {}),
        config: o.config,
        summary: table,
        diagnostics: {
          divergences: o.divergences,
          totalDraws: o.totalDraws,
          ...(o.warnings ? { warnings: o.warnings } : {}),
        },
        sections: [
          ...(o.sections ?? []),
          ...o.figures.map((f) => ({
            heading: f.caption.split(":")[0],
            images: [{ src: `plots/${f.name}.png`, caption: f.caption }],
          })),
          {
            heading: "Files",
            html: `<ul>${files.map((f) => `<li><a href="${f}">${f}</a></li>`).join("")}</ul>`,
          },
        ],
      }),
    );
    return table;
  });
}
