/** Warmup adaptation: step-size search, dual averaging, Welford estimators, Stan's schedule. */
export {
  type DualAveraging,
  type DualAveragingOptions,
  type DualAveragingState,
  dualAveraging,
} from "./dualAveraging.js";
export { type FindStepSizeOptions, findReasonableStepSize } from "./findReasonableStepSize.js";
export { type PymcAdaptationOptions, pymcAdaptation } from "./pymcAdaptation.js";
export { regularizeCovariance, regularizeVariance } from "./regularize.js";
export {
  type AdaptationWindow,
  buildSchedule,
  type ScheduleOptions,
  type WarmupSchedule,
} from "./schedule.js";
export {
  type WelfordCovariance,
  type WelfordSnapshot,
  type WelfordVariance,
  welfordCovariance,
  welfordVariance,
} from "./welford.js";
export {
  type AdaptationSnapshot,
  type WindowAdaptation,
  type WindowAdaptationOptions,
  type WindowAdaptationState,
  windowAdaptation,
} from "./windowAdaptation.js";
