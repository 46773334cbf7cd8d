/**
 * CmdStan-style draws CSV files (one column per scalar component, one row per
 * chain and draw).
 *
 * @module
 */
export {
  CHAIN_COLUMN,
  CMDSTAN_STAT_COLUMNS,
  componentColumnName,
  DRAW_COLUMN,
  parseColumnName,
  statColumnBase,
  statNameOfColumnBase,
} from "./column-names.js";
export { formatCsvNumber, parseCsvNumber } from "./csv-number.js";
export { type DrawsCsv, readDrawsCsv } from "./read.js";
export { type WriteDrawsCsvOptions, writeDrawsCsv } from "./write.js";
