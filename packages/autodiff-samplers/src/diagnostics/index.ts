/**
 * ArviZ-compatible MCMC diagnostics: rank-normalised split R-hat, bulk/tail
 * ESS, MCSE, HDI, FFT autocorrelation and an `az.summary`-like table.
 * Conventions are documented per function and in `README.md` of this folder.
 */
export { autocorrelation, autocovariance } from "./autocorrelation.js";
export { componentLabels } from "./componentLabels.js";
export type { ChainMatrix, DrawsInput } from "./draws.js";
export { DiagnosticsError } from "./errors.js";
export { essBulk, essMean, essSd, essTail } from "./ess.js";
export { formatSummary } from "./formatSummary.js";
export { hdi } from "./hdi.js";
export { mcseMean, mcseSd } from "./mcse.js";
export { type RhatParts, rhat, rhatParts } from "./rhat.js";
export {
  type Posterior,
  type PosteriorVariable,
  type SummaryKind,
  type SummaryOptions,
  type SummaryRow,
  type SummaryTable,
  summary,
  summaryColumns,
} from "./summary.js";
export { type SummaryJson, summaryToJson } from "./summaryJson.js";
