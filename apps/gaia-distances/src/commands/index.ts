/** The commands of the CLI. */
export { runCatalogue } from "./catalogue.js";
export { runM67 } from "./m67.js";
export { runOutliers } from "./outliers.js";
export type { CommandResult } from "./result.js";
export { runSingle } from "./single.js";
