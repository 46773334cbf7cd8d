/** apps/hi-spectra: the `hi-spectra` command line (seed 000, caribou_hi) and its pieces. */
export { app, CLI_OPTIONS, runCli } from "./cli.js";
export { HI_DEFAULTS, HiConfig, SEED_FIT_PRIOR_ARGS, SimulateConfig } from "./config.js";
export { type LoadedSpectra, loadSpectra, readCsvColumns } from "./data.js";
export { adviOptions, buildModel, nutsOptions } from "./model.js";
export { SEED_CELL_46, seedComparison } from "./seed-reference.js";
