/**
 * @sidereal/exo-rt — ExoJAX-compatible line databases, opacities and emission radiative
 * transfer in float64, differentiable through @sidereal/tensor.
 */

export { gaussLegendre } from "@sidereal/tensor/kernels";
export * from "./constants.js";
export {
  type BroadeningCode,
  type ExomolDef,
  MdbExomol,
  type MdbExomolOptions,
  readExomolDef,
} from "./db/exomol.js";
export { HITRAN_CO_MASSES, MdbHitran, type MdbHitranOptions } from "./db/hitran.js";
export * from "./db/line-physics.js";
export { type PartitionFunction, partitionRatio, readPartitionFunction } from "./db/partition.js";
export { DatabaseFileError, ExoInputError } from "./errors.js";
export * from "./grid.js";
export {
  type EmissionModel,
  type EmissionModelSetup,
  type EmissionParams,
  emissionModel,
  type SeedModelOptions,
  seedEmissionModel,
} from "./model/emission-model.js";
export {
  logaciaMatrixOp,
  premoditXsmatrixClippedOp,
  premoditXsmatrixOp,
} from "./model/ops.js";
export {
  REFERENCE_CASES,
  type ReferenceCase,
  type ReferenceSetup,
  referenceCase,
  referenceFlux,
  referenceSetup,
} from "./model/reference-cases.js";
export {
  type CdbCIA,
  ciaColumns,
  logaciaMatrix,
  logaciaSlope,
  logaciaValue,
  logaciaVector,
  readCia,
} from "./opacity/cia.js";
export { ditgridLinearInterval, ditgridLogInterval, getix } from "./opacity/dit.js";
export { erfcxExojax, hjert, rewofz, voigtHjert } from "./opacity/hjert.js";
export {
  exomolLineState,
  hitranLineState,
  type LineState,
  xsmatrixLpf,
  xsvectorLpf,
  xsvectorLpfLines,
} from "./opacity/lpf.js";
export {
  lineShapeDensity,
  xsmatrixModit,
  xsvectorModit,
  xsvectorModitLines,
} from "./opacity/modit.js";
export { OpaPremodit, type OpaPremoditOptions } from "./opacity/premodit.js";
export {
  type DiffMode,
  optimalPremoditParams,
  type PremoditParams,
  robustRange,
} from "./opacity/premodit-params.js";
export {
  ArtEmisPure,
  type ArtEmisPureOptions,
  expint1,
  type RtSolver,
  transmission2E3,
} from "./rt/art-emis-pure.js";
export { contributionFunction } from "./rt/contribution.js";
export { gravityJupiter, loggJupiter, squareRadiusFromMassLogg } from "./rt/gravity.js";
export { piPlanck, piPlanckValue } from "./rt/planck.js";
export { convolveSame } from "./sop/convolve-same.js";
export { resolutionToGaussianStd, SopInstProfile } from "./sop/inst-profile.js";
export { rotationKernel, SopRotation } from "./sop/rotation.js";
