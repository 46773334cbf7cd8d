import { choice, foldIn, type PRNGKey, split, uniform } from "@sidereal/distributions";
import { GmmError } from "./errors.js";
import { type Matrix, type MatrixInput, toMatrix } from "./matrix.js";
import { type Seed, toKey } from "./seed.js";

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /**
   * Seeding: greedy k-means++ (default), `"random"` (k distinct rows drawn uniformly), or
   * explicit initial centres (k×d row-major `Float64Array` or k rows).
   */
  readonly init?: "k-means++" | "random" | Float64Array | readonly (readonly number[])[];
  /**
   * Number of seedings; the run with the lowest inertia is kept. `"auto"` (default, as in
   * scikit-learn ≥ 1.4): 1 for k-means++ or explicit centres, 10 for `"random"`.
   */
  readonly nInit?: number | "auto";
  /** Maximum Lloyd iterations per seeding (default 300). */
  readonly maxIter?: number;
  /**
   * Relative tolerance (default 1e-4): a run stops when the squared Frobenius norm of the
   * centre shift is ≤ `tol × mean(per-feature variance of X)` (scikit-learn's `_tolerance`),
   * or as soon as the labels no longer change.
   */
  readonly tol?: number;
  /** Seed or PRNG key (default `key(0)`); seeding r uses `foldIn(key, r)`. */
  readonly seed?: Seed;
  /** Number of features, required when `X` is a flat `Float64Array`. */
  readonly nFeatures?: number;
}

/** Result of {@link kmeans}. */
export interface KMeansResult {
  /** Cluster centres, k×d row-major. */
  readonly centers: Float64Array;
  /** Index of the closest centre for each row. */
  readonly labels: Int32Array;
  /** Sum of squared distances of rows to their closest centre. */
  readonly inertia: number;
  /** Lloyd iterations of the kept run. */
  readonly nIter: number;
  /** Whether the kept run stopped on the tolerance / unchanged labels before `maxIter`. */
  readonly converged: boolean;
}

function sqDist(data: Float64Array, off: number, c: Float64Array, coff: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = data[off + j]! - c[coff + j]!;
    s += t * t;
  }
  return s;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; greedy variant with
 * `2 + ⌊ln k⌋` local trials per centre, as in scikit-learn's `kmeans_plusplus`): the first
 * centre is a uniformly drawn row; each next one is the best (lowest resulting potential) of
 * several rows drawn with probability ∝ squared distance to the closest chosen centre.
 * Memory O(n). Returns the centres (k×d) and the chosen row indices.
 * Throws `GmmError` for bad data, k < 1 or n < k.
 */
export function kmeansPlusPlus(
  X: MatrixInput,
  k: number,
  options: { readonly seed?: Seed; readonly nFeatures?: number } = {},
): { centers: Float64Array; indices: Int32Array } {
  const M = toMatrix(X, options.nFeatures);
  checkK(M, k, "k");
  return plusPlus(M, k, toKey(options.seed));
}

function checkK(M: Matrix, k: number, name: string): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new GmmError("nComponents", `${name} must be an integer ≥ 1, got ${k}`, name);
  }
  if (M.n < k) {
    throw new GmmError(
      "tooFewSamples",
      `${name} = ${k} exceeds the number of samples (${M.n})`,
      "X",
    );
  }
}

/** @internal k-means++ on a validated matrix. */
export function plusPlus(
  M: Matrix,
  k: number,
  rng: PRNGKey,
): { centers: Float64Array; indices: Int32Array } {
  const { data, n, d } = M;
  const keys = split(rng, k);
  const centers = new Float64Array(k * d);
  const indices = new Int32Array(k);
  const nTrials = 2 + Math.floor(Math.log(k));
  const first = Math.min(n - 1, Math.floor(uniform(keys[0]!, [1])[0]! * n));
  indices[0] = first;
  centers.set(data.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  const cum = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(data, i * d, centers, 0, d);
    pot += closest[i]!;
  }
  const cand = new Int32Array(nTrials);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cum[i] = acc += closest[i]!;
    const u = uniform(keys[c]!, [nTrials]);
    for (let t = 0; t < nTrials; t++) {
      const r = u[t]! * pot;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      cand[t] = lo;
    }
    let best = -1;
    let bestPot = Infinity;
    for (let t = 0; t < nTrials; t++) {
      const co = cand[t]! * d;
      let p = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const q = data[i * d + j]! - data[co + j]!;
          s += q * q;
        }
        p += Math.min(s, closest[i]!);
      }
      if (p < bestPot) {
        bestPot = p;
        best = cand[t]!;
      }
    }
    indices[c] = best;
    centers.set(data.subarray(best * d, best * d + d), c * d);
    pot = 0;
    for (let i = 0; i < n; i++) {
      const s = sqDist(data, i * d, centers, c * d, d);
      if (s < closest[i]!) closest[i] = s;
      pot += closest[i]!;
    }
  }
  return { centers, indices };
}

/** Assigns labels to the closest centre; returns the inertia and fills `dist` (per-row). */
function assign(
  M: Matrix,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  dist: Float64Array,
): number {
  const { data, n, d } = M;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const s = sqDist(data, i * d, centers, c * d, d);
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    labels[i] = best;
    dist[i] = bestD;
    inertia += bestD;
  }
  return inertia;
}

/**
 * One Lloyd run from `init` (scikit-learn's `_kmeans_single_lloyd` semantics): each iteration
 * assigns rows to the closest current centre, then moves centres to the means of their rows
 * (an empty cluster takes the row farthest from its centre, which leaves its old cluster). Stops
 * when labels are unchanged (strict convergence) or the centre shift² ≤ `tolAbs`; if not
 * strictly converged, labels are recomputed for the final centres.
 */
function lloyd(
  M: Matrix,
  init: Float64Array,
  k: number,
  maxIter: number,
  tolAbs: number,
): KMeansResult {
  const { data, n, d } = M;
  let centers = init.slice();
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n).fill(-1);
  const old = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const counts = new Float64Array(k);
  let converged = false;
  let it = 0;
  for (it = 0; it < maxIter; it++) {
    assign(M, centers, k, labels, dist);
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]++;
      for (let j = 0; j < d; j++) next[c * d + j] += data[i * d + j]!;
    }
    const empty: number[] = [];
    for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
    if (empty.length > 0) {
      // Relocate empty clusters to the rows farthest from their centres.
      const order = Array.from({ length: n }, (_, i) => i);
      order.sort((a, b) => dist[b]! - dist[a]! || a - b);
      for (let e = 0; e < empty.length; e++) {
        const far = order[e]!;
        const from = labels[far]!;
        const to = empty[e]!;
        for (let j = 0; j < d; j++) {
          next[from * d + j] -= data[far * d + j]!;
          next[to * d + j] = data[far * d + j]!;
        }
        counts[from]--;
        counts[to] = 1;
      }
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const v = counts[c]! > 0 ? next[c * d + j]! / counts[c]! : centers[c * d + j]!;
        next[c * d + j] = v;
        const s = v - centers[c * d + j]!;
        shift += s * s;
      }
    }
    [centers, next] = [next, centers];
    let same = true;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== old[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      converged = true;
      break;
    }
    if (shift <= tolAbs) {
      converged = true;
      break;
    }
    old.set(labels);
  }
  // Labels (and inertia) for the final centres; unchanged when strictly converged.
  const inertia = assign(M, centers, k, labels, dist);
  return { centers, labels, inertia, nIter: Math.min(it + 1, maxIter), converged };
}

/**
 * k-means clustering by Lloyd's algorithm with scikit-learn's `KMeans(algorithm="lloyd")`
 * semantics: greedy k-means++ seeding by default, `nInit` seedings keeping the lowest inertia
 * (sum of squared distances to the closest centre), convergence when labels stop changing or
 * the squared centre shift ≤ `tol · mean(var(X, axis=0))`, empty clusters relocated to far
 * rows. Returns centres, labels, inertia and iteration count.
 *
 * Throws `GmmError`: `"nComponents"` (k not an integer ≥ 1), `"tooFewSamples"` (n < k),
 * `"nonFinite"` / `"shape"` (bad X), `"dimensionMismatch"` (explicit centres not k×d),
 * `"option"` (maxIter < 1, tol < 0, nInit < 1).
 */
export function kmeans(X: MatrixInput, k: number, options: KMeansOptions = {}): KMeansResult {
  const M = toMatrix(X, options.nFeatures);
  checkK(M, k, "k");
  const maxIter = options.maxIter ?? 300;
  const tol = options.tol ?? 1e-4;
  const init = options.init ?? "k-means++";
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new GmmError("option", `maxIter must be an integer ≥ 1, got ${maxIter}`, "maxIter");
  }
  if (!(tol >= 0) || !Number.isFinite(tol)) {
    throw new GmmError("option", `tol must be finite and ≥ 0, got ${tol}`, "tol");
  }
  let explicit: Float64Array | undefined;
  if (typeof init !== "string") {
    const C = toMatrix(init, M.d, "init");
    if (C.n !== k) {
      throw new GmmError("dimensionMismatch", `init: expected ${k} centres, got ${C.n}`, "init");
    }
    explicit = C.data;
  } else if (init !== "k-means++" && init !== "random") {
    throw new GmmError("option", `init: unknown seeding "${init as string}"`, "init");
  }
  const nInitOpt = options.nInit ?? "auto";
  const nInit = nInitOpt === "auto" ? (init === "random" ? 10 : 1) : nInitOpt;
  if (!Number.isInteger(nInit) || nInit < 1) {
    throw new GmmError("option", `nInit must be an integer ≥ 1, got ${nInit}`, "nInit");
  }
  const tolAbs = tol * meanVariance(M);
  const root = toKey(options.seed);
  let best: KMeansResult | undefined;
  for (let r = 0; r < nInit; r++) {
    const start =
      explicit ?? seedCenters(M, k, init === "random" ? "random" : "k-means++", foldIn(root, r));
    const res = lloyd(M, start, k, maxIter, tolAbs);
    if (best === undefined || res.inertia < best.inertia) best = res;
  }
  return best!;
}

/** @internal Initial centres for a validated matrix. */
export function seedCenters(
  M: Matrix,
  k: number,
  init: "k-means++" | "random",
  rng: PRNGKey,
): Float64Array {
  if (init === "k-means++") return plusPlus(M, k, rng).centers;
  const idx = choice(rng, M.n, [k], { replace: false });
  const centers = new Float64Array(k * M.d);
  for (let c = 0; c < k; c++) {
    centers.set(M.data.subarray(idx[c]! * M.d, idx[c]! * M.d + M.d), c * M.d);
  }
  return centers;
}

function meanVariance(M: Matrix): number {
  const { data, n, d } = M;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + j]!;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const t = data[i * d + j]! - mean;
      v += t * t;
    }
    total += v / n;
  }
  return total / d;
}

/** @internal Lloyd run with explicit initial centres on a validated matrix (for GMM init). */
export function kmeansOnMatrix(
  M: Matrix,
  k: number,
  rng: PRNGKey,
  maxIter = 300,
  tol = 1e-4,
): KMeansResult {
  return lloyd(M, seedCenters(M, k, "k-means++", rng), k, maxIter, tol * meanVariance(M));
}
