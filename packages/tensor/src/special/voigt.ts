import { INV_SQRT_2PI, SQRT_PI } from "./constants.js";
import { expNegHalfSquare } from "./expSquare.js";
import { faddeeva } from "./faddeeva.js";

/** Value and partial derivatives of the Voigt profile. */
export interface VoigtGradient {
  value: number;
  dx: number;
  dsigma: number;
  dgamma: number;
}

/**
 * Voigt profile V(x; σ, γ), the convolution of a Gaussian (std σ) and a Lorentzian (HWHM γ),
 * normalised like scipy.special.voigt_profile:
 *   V = Re w(z) / (σ√(2π)),   z = (x + iγ)/(σ√2).
 * Limits: σ = 0 gives the Lorentzian γ/(π(x² + γ²)); γ = 0 the Gaussian
 * exp(-x²/(2σ²))/(σ√(2π)); σ = γ = 0 a delta (+Infinity at x = 0, else 0).
 * Derivatives: see `voigtProfileGrad`. Edges: σ < 0 or γ < 0 → NaN, NaN → NaN.
 */
export function voigtProfile(x: number, sigma: number, gamma: number): number {
  if (Number.isNaN(x) || Number.isNaN(sigma) || Number.isNaN(gamma)) return Number.NaN;
  if (sigma < 0 || gamma < 0) return Number.NaN;
  if (sigma === 0) {
    if (gamma === 0) return x === 0 ? Number.POSITIVE_INFINITY : 0;
    return gamma / (Math.PI * (x * x + gamma * gamma));
  }
  if (gamma === 0) return (INV_SQRT_2PI / sigma) * expNegHalfSquare(x / sigma);
  const s = sigma * Math.SQRT2;
  return faddeeva(x / s, gamma / s).re * (INV_SQRT_2PI / sigma);
}

/**
 * Voigt profile and its gradient, from w'(z) = -2z·w(z) + 2i/√π with z = (x + iγ)/(σ√2):
 *   ∂V/∂x = c·Re w'/(σ√2),  ∂V/∂γ = -c·Im w'/(σ√2),  ∂V/∂σ = -V/σ - (c/σ)·Re(z w'),
 * c = 1/(σ√(2π)). Limits: σ = 0 uses the Lorentzian derivatives (∂V/∂σ = 0 there, V being
 * even in σ); γ = 0 keeps the Gaussian value with the general formula for the slopes.
 * Edges: σ < 0 or γ < 0 → all NaN; σ = γ = 0 → NaN slopes.
 */
export function voigtProfileGrad(x: number, sigma: number, gamma: number): VoigtGradient {
  const nan = { value: Number.NaN, dx: Number.NaN, dsigma: Number.NaN, dgamma: Number.NaN };
  if (Number.isNaN(x) || Number.isNaN(sigma) || Number.isNaN(gamma)) return nan;
  if (sigma < 0 || gamma < 0) return nan;
  if (sigma === 0) {
    if (gamma === 0) return { ...nan, value: voigtProfile(x, 0, 0) };
    const q = x * x + gamma * gamma;
    return {
      value: gamma / (Math.PI * q),
      dx: (-2 * x * gamma) / (Math.PI * q * q),
      dsigma: 0,
      dgamma: (x * x - gamma * gamma) / (Math.PI * q * q),
    };
  }
  const s = sigma * Math.SQRT2;
  const zr = x / s;
  const zi = gamma / s;
  const w = faddeeva(zr, zi);
  // w' = -2 z w + 2i/√π
  const dr = -2 * (zr * w.re - zi * w.im);
  const di = -2 * (zr * w.im + zi * w.re) + 2 / SQRT_PI;
  const c = INV_SQRT_2PI / sigma;
  const value = gamma === 0 ? c * expNegHalfSquare(x / sigma) : c * w.re;
  return {
    value,
    dx: (c * dr) / s,
    dsigma: -value / sigma - (c / sigma) * (zr * dr - zi * di),
    dgamma: (-c * di) / s,
  };
}
