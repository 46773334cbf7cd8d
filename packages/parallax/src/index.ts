/**
 * @sidereal/parallax — Gaia parallax distances: the EDSD distance prior of
 * Bailer-Jones (2015) and the Lindegren et al. (2021) parallax zero point.
 */

export { type ClusterData, clusterModel } from "./cluster-model.js";
export { DistanceError } from "./distance-error.js";
export { EDSD, EDSDDistribution } from "./edsd.js";
export {
  type EdsdDistanceColumns,
  type EdsdScratch,
  edsdDistances,
  makeEdsdScratch,
} from "./edsd-batch.js";
export { ZeroPointError, type ZeroPointProblem } from "./errors.js";
export { gamma3Quantile } from "./gamma3-quantile.js";
export {
  type SingleStarDistance,
  type SingleStarOptions,
  singleStarDistance,
} from "./single-star-distance.js";
export { type SingleStarData, singleStarModel } from "./single-star-model.js";
export {
  type ZeroPointInput,
  type ZeroPointOptions,
  type ZeroPointReport,
  type ZeroPointResult,
  zeroPointL21,
  zeroPointL21Detailed,
} from "./zeropoint-l21.js";
export { Z5_TABLE, Z6_TABLE, type ZeroPointTable } from "./zeropoint-l21-tables.js";
