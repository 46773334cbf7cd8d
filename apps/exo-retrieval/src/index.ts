export { app, runCli } from "./cli.js";
export { readSpectrum, type Spectrum } from "./data.js";
export {
  forwardModel,
  type ModelSettings,
  PARAMS,
  SEED_MODEL,
  TRUTHS,
  truthSpectrum,
} from "./forward.js";
export { type ExoData, exoModel } from "./model.js";
export {
  constrainLatent,
  convergence,
  defaultSteps,
  GUIDES,
  latentOrder,
  makeGuide,
  runSvi,
} from "./svi-run.js";
