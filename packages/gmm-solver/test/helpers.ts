import { categorical, key, normal, split } from "@sidereal/distributions";

/** Largest |a − b| divided by max |b| over the array (relative to the array's scale). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let scale = 0;
  let err = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
  }
  return err / scale;
}

/** Lower Cholesky factor of a small row-major SPD matrix (test helper). */
function chol(S: readonly number[], d: number): number[] {
  const L = new Array<number>(d * d).fill(0);
  for (let j = 0; j < d; j++) {
    let s = S[j * d + j]!;
    for (let k = 0; k < j; k++) s -= L[j * d + k]! ** 2;
    L[j * d + j] = Math.sqrt(s);
    for (let i = j + 1; i < d; i++) {
      let t = S[i * d + j]!;
      for (let k = 0; k < j; k++) t -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = t / L[j * d + j]!;
    }
  }
  return L;
}

/**
 * Draws n rows from Σₖ wₖ N(μₖ, Σₖ) with the distributions PRNG (full covariances, row-major).
 * Returns the data and the true component of each row.
 */
export function sampleMixture(
  seed: number,
  n: number,
  weights: readonly number[],
  means: readonly (readonly number[])[],
  covs: readonly (readonly number[])[],
): { X: Float64Array; labels: Int32Array } {
  const d = means[0]!.length;
  const [k1, k2] = split(key(seed), 2);
  const labels = categorical(k1!, Float64Array.from(weights, Math.log), [n]);
  const z = normal(k2!, [n, d]);
  const Ls = covs.map((c) => chol(c, d));
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const k = labels[i]!;
    const L = Ls[k]!;
    for (let a = 0; a < d; a++) {
      let s = means[k]![a]!;
      for (let b = 0; b <= a; b++) s += L[a * d + b]! * z[i * d + b]!;
      X[i * d + a] = s;
    }
  }
  return { X, labels };
}

/** Best agreement of predicted labels with true labels over all permutations of K ≤ 6 labels. */
export function matchPermutation(
  pred: Int32Array,
  truth: Int32Array,
  K: number,
): { accuracy: number; perm: number[] } {
  const perms: number[][] = [];
  const rec = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) perms.push(prefix);
    for (const r of rest)
      rec(
        [...prefix, r],
        rest.filter((x) => x !== r),
      );
  };
  rec(
    [],
    Array.from({ length: K }, (_, i) => i),
  );
  let best = { accuracy: -1, perm: [] as number[] };
  for (const p of perms) {
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (p[pred[i]!] === truth[i]) ok++;
    if (ok / pred.length > best.accuracy) best = { accuracy: ok / pred.length, perm: p };
  }
  return best;
}
