/** The commands of the CLI. */
export { runM67 as m67 } from "./m67.js";
export { runOutliers as outliers } from "./outliers.js";
export type { CommandResult } from "./result.js";
export { runSingle as single } from "./single.js";
