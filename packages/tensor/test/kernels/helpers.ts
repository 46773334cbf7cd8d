/** Shared test utilities for the kernel tests: a seeded PRNG and naive references. */

/** Mulberry32: a tiny deterministic PRNG so fast-check can drive matrices via a seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Array of `len` uniform values in [-1, 1). */
export function randomArray(len: number, seed: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = 2 * r() - 1;
  return out;
}

/** Naive row-major product C = A·B with A m×k and B k×n (no transposes). */
export function naiveMatmul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

/** Transpose of an r×c row-major matrix. */
export function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
  return t;
}

/** Symmetric positive-definite n×n matrix B·Bᵀ + n·I from a seed. */
export function randomSpd(n: number, seed: number): Float64Array {
  const b = randomArray(n * n, seed);
  const a = naiveMatmul(b, transpose(b, n, n), n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += n;
  return a;
}

/** max |x_i| over the first `len` entries (all by default). */
export function maxAbs(x: ArrayLike<number>, len = x.length): number {
  let m = 0;
  for (let i = 0; i < len; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** max |x_i − y_i|. */
export function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/** n×n identity. */
export function identity(n: number): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) e[i * n + i] = 1;
  return e;
}
