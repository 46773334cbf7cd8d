/**
 * x·log(y), defined as 0 when x = 0 (and y is not NaN), as in scipy.special.xlogy.
 * Derivatives: ∂/∂x = log y, ∂/∂y = x/y. NaN in either argument → NaN.
 */
export function xlogy(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === 0) return 0;
  return x * Math.log(y);
}

/**
 * x·log(1 + y), defined as 0 when x = 0 (and y is not NaN), as in scipy.special.xlog1py;
 * uses log1p so small y keeps full accuracy.
 * Derivatives: ∂/∂x = log1p(y), ∂/∂y = x/(1 + y). NaN in either argument → NaN.
 */
export function xlog1py(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === 0) return 0;
  return x * Math.log1p(y);
}
