/** Finite mixture distributions (NumPyro / numpyro-ext semantics). */
export { MixtureGeneral, MixtureGeneralDistribution } from "./mixture-general.js";
export { MixtureSameFamily, MixtureSameFamilyDistribution } from "./mixture-same-family.js";
