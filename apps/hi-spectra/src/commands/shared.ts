/** Pieces shared by the inference commands: plotted variables, report sections, a checked step. */
import type { HiModel } from "@sidereal/hi-physics";
import type { ReportSection } from "@sidereal/plots";
import { RunError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";

/** Cloud variables of the trace and pair plots (those in the posterior are drawn). */
export const PLOT_VARS = [
  "velocity",
  "fwhm2",
  "TB_fwhm",
  "tau_total",
  "tspin",
  "log10_NHI",
  "filling_factor",
];

/** A synchronous step whose throw becomes a RunError naming it. */
export const step = <A>(stage: string, f: () => A) =>
  Effect.try({ try: f, catch: (e) => new RunError({ stage, reason: reasonOf(e) }) });

/** The priors of a model as a report table row source: name → JSON text. */
export const priorText = (p: object) =>
  Object.entries(p)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join("\n");

/** Report section of a NUTS run: timing, divergences, solve messages, BIC. */
export const nutsSection = (
  nuts: {
    divergences: number;
    messages: readonly string[];
    nSolutions: number;
    metric: string;
  },
  bic: { k: number; n: number; mean_lnlike: number; bic: number },
): ReportSection => ({
  heading: "NUTS and solve",
  text: [
    `NUTS (init advi+adapt_diag, ${nuts.metric}): ${nuts.divergences} divergences.`,
    `solve: ${nuts.messages.join(" ")} (${nuts.nSolutions} unique solution${nuts.nSolutions === 1 ? "" : "s"})`,
    `BIC = ${bic.bic.toFixed(2)} (k = ${bic.k}, n = ${bic.n}, mean log-likelihood ${bic.mean_lnlike.toFixed(3)})`,
  ].join("\n\n"),
});

/** The model string (cell [17]) as a report section. */
export const modelSection = (model: HiModel): ReportSection => ({
  heading: "Model",
  text: model.strRepr(),
});
