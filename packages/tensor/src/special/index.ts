/**
 * Scalar float64 special functions and their derivatives (number → number): the numeric core
 * that tensor ops wrap. Every function maps NaN to NaN; domain edges are documented per
 * function. Accuracy bounds are in test/special/fixtures/reference.ts (`ACCURACY_BOUNDS`).
 */
export { besselI0e, besselI0eDeriv } from "./besselI0e.js";
export { besselI1e, besselI1eDeriv } from "./besselI1e.js";
export { betaln, betalnDerivA, betalnDerivB } from "./betaln.js";
export { digamma } from "./digamma.js";
export { erf, erfc, erfDeriv } from "./erf.js";
export { erfcx, erfcxDeriv } from "./erfcx.js";
export { erfcinv, erfinv, erfinvDeriv } from "./erfinv.js";
export type { Complex } from "./faddeeva.js";
export { faddeeva } from "./faddeeva.js";
export { gammaincCReg, gammaincReg, logGammaincCReg, logGammaincReg } from "./gammainc.js";
export { gammaincRegDerivA, gammaincRegDerivX } from "./gammaincDeriv.js";
export { lgamma } from "./lgamma.js";
export { log1mexp, log1mexpDeriv } from "./log1mexp.js";
export { logNdtr, logNdtrDeriv } from "./logNdtr.js";
export { ndtr, normalPdf } from "./ndtr.js";
export { ndtri, ndtriDeriv } from "./ndtri.js";
export { tetragamma } from "./tetragamma.js";
export { trigamma } from "./trigamma.js";
export type { VoigtGradient } from "./voigt.js";
export { voigtProfile, voigtProfileGrad } from "./voigt.js";
export { xlog1py, xlogy } from "./xlogy.js";
