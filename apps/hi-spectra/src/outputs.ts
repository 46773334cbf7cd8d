/**
 * The output folder of a fit, through the runtime's `writeRunOutputs`: `idata.nc` (posterior
 * of solution 0 — or of every chain when `solve` found none — further solutions as groups
 * `solution_k`, sample_stats, log_likelihood, prior and predictive groups), `summary.txt`
 * (az.summary of the posterior), `summary.json` (variable → per-cloud `{ mean, sd, hdi_3%,
 * hdi_97%, r_hat, ess_bulk }`), `bic.json` (`{ k, n, mean_lnlike, bic }`), the figures,
 * `index.html` and the manifest.
 */
import {
  bicSummary,
  type HiModel,
  inferenceData,
  type PriorPredictive,
  perCloudSummary,
  toDataset,
  type VariableGroup,
} from "@sidereal/hi-physics";
import type { Dataset } from "@sidereal/io";
import type { ReportSection } from "@sidereal/plots";
import {
  type Figure,
  type PosteriorDraws,
  RunError,
  reasonOf,
  type StagedDir,
  writeRunOutputs,
} from "@sidereal/runtime";
import { Effect } from "effect";
import { firstSolution } from "./model.js";

/** What {@link writeHiOutputs} needs besides the model. */
export interface HiOutputs {
  readonly dir: StagedDir;
  readonly model: HiModel;
  readonly title: string;
  readonly prior?: PriorPredictive;
  readonly posteriorPredictive?: VariableGroup;
  readonly figures?: readonly Figure[];
  /** Report sections, or a function of the summary and BIC records. */
  readonly sections?: readonly ReportSection[] | ((r: FitRecords) => readonly ReportSection[]);
  readonly extraFiles?: Readonly<Record<string, string>>;
  readonly warnings?: readonly string[];
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The posterior of a solution as the runtime's `PosteriorDraws`. */
function posteriorDraws(model: HiModel, solution: number | undefined): PosteriorDraws {
  const group = model.posteriorOf(solution);
  const first = Object.values(group)[0];
  return {
    samples: Object.fromEntries(
      Object.entries(group).map(([n, v]) => [n, { draws: v.values, shape: v.shape, dims: v.dims }]),
    ),
    latentNames: model.freeRVs,
    numChains: first?.shape[0] ?? 0,
    numSamples: first?.shape[1] ?? 0,
  };
}

/** Per-cloud summary and BIC record of a fit. */
export type FitRecords = ReturnType<typeof fitRecords>;

/** Per-cloud summary (hdi 0.94) and BIC record of solution 0 (all chains when none). */
export function fitRecords(model: HiModel) {
  const solution = firstSolution(model);
  const chains = Array.from(
    { length: model.trace?.posterior.velocity?.shape[0] ?? 1 },
    (_, c) => c,
  );
  const sel = solution !== undefined ? { solution } : { chain: chains };
  return {
    solution,
    summary: perCloudSummary(model, solution !== undefined ? { solution } : {}),
    bic: bicSummary(model, sel),
  };
}

/** Writes the outputs of a fitted model (see the module doc); returns the records. */
export const writeHiOutputs = (o: HiOutputs) =>
  Effect.gen(function* () {
    const records = yield* Effect.try({
      try: () => fitRecords(o.model),
      catch: (e) => new RunError({ stage: "summary", reason: reasonOf(e) }),
    });
    const groups = yield* Effect.try({
      try: () => {
        const g: Record<string, Dataset> = inferenceData(o.model, {
          ...(records.solution !== undefined ? { solution: records.solution } : {}),
          ...(o.prior ? { prior: o.prior } : {}),
          ...(o.posteriorPredictive ? { posteriorPredictive: o.posteriorPredictive } : {}),
        }) as unknown as Record<string, Dataset>;
        o.model.solutions.forEach((s, k) => {
          if (k > 0) g[`solution_${k}`] = toDataset(s.samples) as unknown as Dataset;
        });
        return g;
      },
      catch: (e) => new RunError({ stage: "InferenceData", reason: reasonOf(e) }),
    });
    yield* writeRunOutputs({
      dir: o.dir,
      result: posteriorDraws(o.model, records.solution),
      title: o.title,
      groups,
      standardPlots: false,
      ...(o.figures ? { figures: o.figures } : {}),
      ...(o.sections
        ? { sections: typeof o.sections === "function" ? o.sections(records) : o.sections }
        : {}),
      ...(o.warnings && o.warnings.length > 0 ? { warnings: o.warnings } : {}),
      // summary.json: the per-cloud layout replaces the runtime's table layout (written after
      // it; summary.txt keeps the az.summary table)
      extraFiles: {
        ...o.extraFiles,
        "summary.json": json(records.summary),
        "bic.json": json(records.bic),
      },
    });
    return records;
  });
