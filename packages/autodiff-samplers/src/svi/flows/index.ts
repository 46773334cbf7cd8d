/**
 * Normalizing-flow transforms for autoguides: Block Neural Autoregressive Flow (BNAF) and
 * Inverse Autoregressive Flow (IAF), as differentiable tensor computations.
 */
export {
  type BnafOptions,
  type BnafParams,
  bnafForward,
  bnafParamNames,
  bnafParamShapes,
  initBnafParams,
} from "./bnaf.js";
export { FlowError, type FlowProblem } from "./errors.js";
export type { FlowOutput, FlowParamShape, FlowParams } from "./flowParams.js";
export {
  type IafOptions,
  type IafParams,
  iafForward,
  iafParamNames,
  iafParamShapes,
  initIafParams,
} from "./iaf.js";
