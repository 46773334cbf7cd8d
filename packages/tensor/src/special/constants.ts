/** Shared float64 constants for the special-function kernels. */

/** √π */
export const SQRT_PI = 1.772453850905516;
/** 2/√π */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** √(2π) */
export const SQRT_2PI = 2.5066282746310007;
/** 1/√(2π) */
export const INV_SQRT_2PI = 0.3989422804014327;
/** log √(2π) = ½ log(2π) */
export const LN_SQRT_2PI = 0.9189385332046728;
/** √(2/π) */
export const SQRT_2_OVER_PI = 0.7978845608028654;
/** Euler–Mascheroni constant γ */
export const EULER_GAMMA = 0.5772156649015329;
/** π² */
export const PI_SQUARED = 9.869604401089358;
