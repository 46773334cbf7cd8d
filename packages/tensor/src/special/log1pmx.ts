/**
 * log(1 + u) - u without cancellation for small u. With v = u/(2+u),
 * log(1+u) = 2 atanh v, so log(1+u) - u = -u·v + 2(v³/3 + v⁵/5 + …) (no cancelling terms).
 * Used for -0.7 < u < 1.5 (|v| < 0.54); elsewhere log1p(u) - u directly. Internal helper.
 */
export function log1pmx(u: number): number {
  if (u <= -0.7 || u >= 1.5) return Math.log1p(u) - u;
  const v = u / (2 + u);
  const v2 = v * v;
  let pow = v * v2;
  let sum = 0;
  for (let k = 3; k < 200; k += 2) {
    const t = pow / k;
    sum += t;
    if (Math.abs(t) <= 1e-17 * Math.abs(sum)) break;
    pow *= v2;
  }
  return -u * v + 2 * sum;
}
