/**
 * @sidereal/exo-rt — ExoJAX-compatible line databases, opacities and emission radiative
 * transfer in float64, differentiable through @sidereal/tensor.
 */
export * from "./constants.js";
export { type BroadeningCode, type ExomolDef, MdbExomol, type MdbExomolOptions, readExomolDef } from "./db/exomol.js";
export { HITRAN_CO_MASSES, MdbHitran, type MdbHitranOptions } from "./db/hitran.js";
export * from "./db/line-physics.js";
export { type PartitionFunction, partitionRatio, readPartitionFunction } from "./db/partition.js";
export { DatabaseFileError, ExoInputError } from "./errors.js";
export * from "./grid.js";
export { erfcxExojax, hjert, rewofz, voigtHjert } from "./opacity/hjert.js";
export { exomolLineState, type LineState, xsmatrixLpf, xsvectorLpf, xsvectorLpfLines } from "./opacity/lpf.js";
export { ditgridLinearInterval, ditgridLogInterval, getix } from "./opacity/dit.js";
export { lineShapeDensity, xsmatrixModit, xsvectorModit, xsvectorModitLines } from "./opacity/modit.js";
export { type DiffMode, optimalPremoditParams, type PremoditParams, robustRange } from "./opacity/premodit-params.js";
export { OpaPremodit, type OpaPremoditOptions } from "./opacity/premodit.js";
