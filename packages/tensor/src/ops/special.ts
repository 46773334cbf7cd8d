/**
 * Special functions as differentiable elementwise ops. The scalar implementations
 * (and their accuracy notes) live in `../special`; here each becomes a primitive whose
 * VJP is written with ops (so gradients compile), or, where the derivative has no
 * simpler closed form, a non-differentiable helper primitive for the derivative.
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import { defineElementwise } from "../core/define.js";
import { registerScalar } from "../core/scalar-env.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import * as sp from "../special/index.js";
import { add, exp, expm1, log, mul, neg, reciprocal, square, sub } from "./elementwise.js";

registerScalar("lgamma", sp.lgamma);
registerScalar("digamma", sp.digamma);
registerScalar("trigamma", sp.trigamma);
registerScalar("tetragamma", sp.tetragamma);
registerScalar("erf", sp.erf);
registerScalar("erfc", sp.erfc);
registerScalar("erfcx", sp.erfcx);
registerScalar("erfinv", sp.erfinv);
registerScalar("ndtr", sp.ndtr);
registerScalar("ndtri", sp.ndtri);
registerScalar("logNdtr", sp.logNdtr);
registerScalar("logNdtrDeriv", sp.logNdtrDeriv);
registerScalar("log1mexp", sp.log1mexp);
registerScalar("betaln", sp.betaln);
registerScalar("gammaincReg", sp.gammaincReg);
registerScalar("gammaincCReg", sp.gammaincCReg);
registerScalar("logGammaincReg", sp.logGammaincReg);
registerScalar("logGammaincCReg", sp.logGammaincCReg);
registerScalar("gammaincRegDerivX", sp.gammaincRegDerivX);
registerScalar("gammaincRegDerivA", sp.gammaincRegDerivA);
registerScalar("besselI0e", sp.besselI0e);
registerScalar("besselI1e", sp.besselI1e);
registerScalar("besselI0eDeriv", sp.besselI0eDeriv);
registerScalar("besselI1eDeriv", sp.besselI1eDeriv);
registerScalar("voigtProfile", sp.voigtProfile);
registerScalar("voigtDx", (x, s, g) => sp.voigtProfileGrad(x, s, g).dx);
registerScalar("voigtDsigma", (x, s, g) => sp.voigtProfileGrad(x, s, g).dsigma);
registerScalar("voigtDgamma", (x, s, g) => sp.voigtProfileGrad(x, s, g).dgamma);

const u = (x: TensorLike) => toTensor(x);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** A non-differentiable elementwise helper (a derivative evaluated by its scalar function). */
const helper = (name: string, arity: 1 | 2 | 3) =>
  defineElementwise({
    name,
    arity,
    expr: (...a) => `S.${name}(${a.slice(0, arity).join(", ")})`,
    nondifferentiable: true,
  });
const LOG_NDTR_DERIV = helper("logNdtrDeriv", 1);
const GAMMAINC_DX = helper("gammaincRegDerivX", 2);
const GAMMAINC_DA = helper("gammaincRegDerivA", 2);
const I0E_DERIV = helper("besselI0eDeriv", 1);
const I1E_DERIV = helper("besselI1eDeriv", 1);
const VOIGT_DX = helper("voigtDx", 3);
const VOIGT_DSIGMA = helper("voigtDsigma", 3);
const VOIGT_DGAMMA = helper("voigtDgamma", 3);

export const LGAMMA = defineElementwise({
  name: "lgamma",
  arity: 1,
  expr: (x) => `S.lgamma(${x})`,
  vjp: (g, [x]) => [mul(g, digamma(x))],
});
export const DIGAMMA = defineElementwise({
  name: "digamma",
  arity: 1,
  expr: (x) => `S.digamma(${x})`,
  vjp: (g, [x]) => [mul(g, trigamma(x))],
});
/** trigamma has no gradient rule (tetragamma is not implemented): differentiating it throws. */
export const TRIGAMMA = defineElementwise({
  name: "trigamma",
  arity: 1,
  expr: (x) => `S.trigamma(${x})`,
});
export const ERF = defineElementwise({
  name: "erf",
  arity: 1,
  expr: (x) => `S.erf(${x})`,
  vjp: (g, [x]) => [mul(g, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI))],
});
export const ERFC = defineElementwise({
  name: "erfc",
  arity: 1,
  expr: (x) => `S.erfc(${x})`,
  vjp: (g, [x]) => [mul(g, mul(exp(neg(square(x))), -TWO_OVER_SQRT_PI))],
});
export const ERFCX = defineElementwise({
  name: "erfcx",
  arity: 1,
  expr: (x) => `S.erfcx(${x})`,
  // d/dx erfcx(x) = 2x·erfcx(x) - 2/√π
  vjp: (g, [x], y) => [mul(g, sub(mul(mul(x, y), 2), TWO_OVER_SQRT_PI))],
});
export const ERFINV = defineElementwise({
  name: "erfinv",
  arity: 1,
  expr: (x) => `S.erfinv(${x})`,
  vjp: (g, _x, y) => [mul(g, mul(exp(square(y)), Math.sqrt(Math.PI) / 2))],
});
export const NDTR = defineElementwise({
  name: "ndtr",
  arity: 1,
  expr: (x) => `S.ndtr(${x})`,
  vjp: (g, [x]) => [mul(g, mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI))],
});
export const NDTRI = defineElementwise({
  name: "ndtri",
  arity: 1,
  expr: (x) => `S.ndtri(${x})`,
  vjp: (g, _x, y) => [mul(g, mul(exp(mul(square(y), 0.5)), Math.sqrt(2 * Math.PI)))],
});
export const LOG_NDTR = defineElementwise({
  name: "logNdtr",
  arity: 1,
  expr: (x) => `S.logNdtr(${x})`,
  // φ(x)/Φ(x), evaluated stably in the far left tail by the scalar helper
  vjp: (g, [x]) => [mul(g, apply(LOG_NDTR_DERIV, [x], undefined))],
});
export const LOG1MEXP = defineElementwise({
  name: "log1mexp",
  arity: 1,
  expr: (x) => `S.log1mexp(${x})`,
  // d/dx log(1 - eˣ) = -1/expm1(-x)
  vjp: (g, [x]) => [mul(g, neg(reciprocal(expm1(neg(x)))))],
});
export const BETALN = defineElementwise({
  name: "betaln",
  arity: 2,
  expr: (a, b) => `S.betaln(${a}, ${b})`,
  vjp: (g, [a, b]) => {
    const dab = digamma(add(a, b));
    return [mul(g, sub(digamma(a), dab)), mul(g, sub(digamma(b), dab))];
  },
});
export const GAMMAINC = defineElementwise({
  name: "gammaincReg",
  arity: 2,
  expr: (a, x) => `S.gammaincReg(${a}, ${x})`,
  vjp: (g, [a, x]) => [
    mul(g, apply(GAMMAINC_DA, [a, x], undefined)),
    mul(g, apply(GAMMAINC_DX, [a, x], undefined)),
  ],
});
export const GAMMAINCC = defineElementwise({
  name: "gammaincCReg",
  arity: 2,
  expr: (a, x) => `S.gammaincCReg(${a}, ${x})`,
  vjp: (g, [a, x]) => [
    neg(mul(g, apply(GAMMAINC_DA, [a, x], undefined))),
    neg(mul(g, apply(GAMMAINC_DX, [a, x], undefined))),
  ],
});
/**
 * d log P/dx = x^{a−1}e^{−x}/(Γ(a)·P), formed as exp(log density − log P) so that it stays
 * finite where P and the density both underflow (far left tail of the gamma cdf).
 */
const logGammaDensityMinus = (a: Tensor, x: Tensor, logP: Tensor): Tensor =>
  exp(sub(sub(sub(mul(sub(a, 1), log(x)), x), lgamma(a)), logP));
export const LOG_GAMMAINC = defineElementwise({
  name: "logGammaincReg",
  arity: 2,
  expr: (a, x) => `S.logGammaincReg(${a}, ${x})`,
  // ∂a: (∂P/∂a)/P, finite wherever P is a normal number.
  vjp: (g, [a, x], out) => [
    mul(g, mul(apply(GAMMAINC_DA, [a, x], undefined), exp(neg(out)))),
    mul(g, logGammaDensityMinus(a, x, out)),
  ],
});
export const LOG_GAMMAINCC = defineElementwise({
  name: "logGammaincCReg",
  arity: 2,
  expr: (a, x) => `S.logGammaincCReg(${a}, ${x})`,
  vjp: (g, [a, x], out) => [
    neg(mul(g, mul(apply(GAMMAINC_DA, [a, x], undefined), exp(neg(out))))),
    neg(mul(g, logGammaDensityMinus(a, x, out))),
  ],
});
export const BESSEL_I0E = defineElementwise({
  name: "besselI0e",
  arity: 1,
  expr: (x) => `S.besselI0e(${x})`,
  vjp: (g, [x]) => [mul(g, apply(I0E_DERIV, [x], undefined))],
});
export const BESSEL_I1E = defineElementwise({
  name: "besselI1e",
  arity: 1,
  expr: (x) => `S.besselI1e(${x})`,
  vjp: (g, [x]) => [mul(g, apply(I1E_DERIV, [x], undefined))],
});
export const VOIGT = defineElementwise({
  name: "voigtProfile",
  arity: 3,
  expr: (x, s, gm) => `S.voigtProfile(${x}, ${s}, ${gm})`,
  vjp: (g, ins) => [
    mul(g, apply(VOIGT_DX, ins, undefined)),
    mul(g, apply(VOIGT_DSIGMA, ins, undefined)),
    mul(g, apply(VOIGT_DGAMMA, ins, undefined)),
  ],
});

/** log|Γ(x)|. */
export const lgamma = (x: TensorLike): Tensor => apply(LGAMMA, [u(x)], undefined);
/** ψ(x) = d/dx log Γ(x). */
export const digamma = (x: TensorLike): Tensor => apply(DIGAMMA, [u(x)], undefined);
/** ψ'(x); its derivative is tetragamma ψ''(x). */
export const trigamma = (x: TensorLike): Tensor => apply(TRIGAMMA, [u(x)], undefined);
export const erf = (x: TensorLike): Tensor => apply(ERF, [u(x)], undefined);
export const erfc = (x: TensorLike): Tensor => apply(ERFC, [u(x)], undefined);
/** exp(x²)·erfc(x), accurate for large x. */
export const erfcx = (x: TensorLike): Tensor => apply(ERFCX, [u(x)], undefined);
export const erfinv = (x: TensorLike): Tensor => apply(ERFINV, [u(x)], undefined);
/** Standard normal CDF Φ(x). */
export const ndtr = (x: TensorLike): Tensor => apply(NDTR, [u(x)], undefined);
/** Inverse of the standard normal CDF. */
export const ndtri = (p: TensorLike): Tensor => apply(NDTRI, [u(p)], undefined);
/** log Φ(x), accurate in both tails. */
export const logNdtr = (x: TensorLike): Tensor => apply(LOG_NDTR, [u(x)], undefined);
/** log(1 - eˣ) for x <= 0 (Mächler's switch at -ln 2). */
export const log1mexp = (x: TensorLike): Tensor => apply(LOG1MEXP, [u(x)], undefined);
/** log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a+b), accurate for large arguments. */
export const betaln = (a: TensorLike, b: TensorLike): Tensor =>
  apply(BETALN, [u(a), u(b)], undefined);
/** The same as `betaln` (NumPyro's name). */
export const lbeta = betaln;
/** Regularised lower incomplete gamma P(a, x); differentiable in a and x. */
export const gammaincReg = (a: TensorLike, x: TensorLike): Tensor =>
  apply(GAMMAINC, [u(a), u(x)], undefined);
/** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x). */
export const gammaincCReg = (a: TensorLike, x: TensorLike): Tensor =>
  apply(GAMMAINCC, [u(a), u(x)], undefined);
/** log P(a, x), finite where P underflows (x → 0); differentiable in a and x. */
export const logGammaincReg = (a: TensorLike, x: TensorLike): Tensor =>
  apply(LOG_GAMMAINC, [u(a), u(x)], undefined);
/** log Q(a, x), finite where Q underflows (x → ∞); differentiable in a and x. */
export const logGammaincCReg = (a: TensorLike, x: TensorLike): Tensor =>
  apply(LOG_GAMMAINCC, [u(a), u(x)], undefined);
/** Exponentially scaled modified Bessel function e^{-|x|} I₀(x). */
export const besselI0e = (x: TensorLike): Tensor => apply(BESSEL_I0E, [u(x)], undefined);
/** Exponentially scaled modified Bessel function e^{-|x|} I₁(x). */
export const besselI1e = (x: TensorLike): Tensor => apply(BESSEL_I1E, [u(x)], undefined);
/** The normalised Voigt profile (scipy.special.voigt_profile), differentiable in all arguments. */
export const voigtProfile = (x: TensorLike, sigma: TensorLike, gamma: TensorLike): Tensor =>
  apply(VOIGT, [u(x), u(sigma), u(gamma)], undefined);
