export { type AdagradOptions, type AdagradState, adagrad } from "./adagrad.js";
export { type AdamOptions, type AdamState, adam } from "./adam.js";
export type { BoundPair, BoundsSpec, Box } from "./bounds.js";
export { type ClippedAdamOptions, clippedAdam } from "./clippedAdam.js";
export { OptimizerError } from "./errors.js";
export {
  applyUpdates,
  type CountState,
  type GradientTransformation,
  updateParamsInPlace,
} from "./gradientTransformation.js";
export type { InverseHessianOperator } from "./inverseHessian.js";
export { lbfgsInverseHessian } from "./inverseHessian.js";
export { type LbfgsOptions, lbfgs } from "./lbfgs.js";
export {
  EPSMCH,
  type IterationInfo,
  LBFGSB_MESSAGES,
  type LbfgsBOptions,
  lbfgsB,
  type OptimizeResult,
} from "./lbfgsb.js";
export { type MomentumOptions, type MomentumState, momentum } from "./momentum.js";
export { type LineSearchTask, type MoreThuenteParams, MoreThuenteSearch } from "./moreThuente.js";
export type { Objective, ObjectiveOutput, ValueAndGrad } from "./objective.js";
export { type RmspropOptions, type RmspropState, rmsprop } from "./rmsprop.js";
export {
  constantSchedule,
  cosineDecay,
  type ExponentialDecayOptions,
  exponentialDecay,
  type LearningRate,
  learningRateAt,
  piecewiseConstant,
  type Schedule,
} from "./schedules.js";
export { sgd } from "./sgd.js";
