/**
 * Bijectors (NumPyro's `numpyro.distributions.transforms`) and `bijectTo`.
 */
export { AffineTransform, type AffineTransformOptions } from "./affine.js";
export { bijectTo } from "./biject-to.js";
export type { Bijector } from "./bijector.js";
export { BijectorError } from "./bijector-error.js";
export { CholeskyTransform } from "./cholesky.js";
export { ComposeTransform } from "./compose.js";
export { CorrCholeskyTransform } from "./corr-cholesky.js";
export { ExpTransform } from "./exp.js";
export { IdentityTransform } from "./identity.js";
export { IndependentTransform } from "./independent.js";
export {
  type IndependentConstraint,
  independentConstraint,
  isIndependentConstraint,
} from "./independent-constraint.js";
export { InverseTransform } from "./inverse.js";
export { LowerCholeskyTransform } from "./lower-cholesky.js";
export { LowerCholeskyAffine } from "./lower-cholesky-affine.js";
export { OrderedTransform } from "./ordered.js";
export { PowerTransform } from "./power.js";
export { SigmoidTransform } from "./sigmoid.js";
export { SoftplusTransform } from "./softplus.js";
export { StickBreakingTransform } from "./stick-breaking.js";
export { TanhTransform } from "./tanh.js";
