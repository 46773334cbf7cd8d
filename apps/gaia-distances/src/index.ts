/**
 * @sidereal/gaia-distances — seed 004 end to end as a CLI (`gaia-distances outliers |
 * single | m67`); the library surface is what the CLI and tests use.
 */
export { app, runCli } from "./cli.js";
export { type Command, DEFAULTS, RunConfig } from "./config.js";
export { BUNDLED_M67, limitStars, loadM67, type M67Catalogue, type ParallaxCuts } from "./data.js";
export { BUNDLED_LINEAR, type LineData, loadLine } from "./linear-data.js";
export { linearMixtureModel, linearModel } from "./models/linear.js";
