/**
 * `npm run bench -w @sidereal/gmm-solver`: wall time of a Gaussian-mixture fit of 10^5 × 4
 * data with 5 full-covariance components, nInit = 10, maxIter = 100, against a baseline run in
 * the same process tree on the same data and the same initial k-means labels:
 * scikit-learn (`/usr/bin/python3`) when `import sklearn` works there, and always our NumPy
 * transcription of scikit-learn's EM (`bench/gmm_em_numpy.py`, run with `python3`), with BLAS pinned to
 * one thread (as our EM) and with the default BLAS threads.
 * Writes `bench/results/gmm.json` (repository root) with the machine and date.
 *
 * Like-for-like measurement: for each of the 10 initialisations, parameters are estimated from
 * the same one-hot k-means labels (computed once, before timing, by our `kmeans` with seeds
 * 0…9) and exactly 100 EM iterations run (tol = 0) on both sides; the time includes the
 * initial estimate and all EM iterations, not k-means. The end-to-end `fitGaussianMixture`
 * call (k-means init inside, default tol 1e-3) is reported separately.
 *
 * Run with Node >= 22.18 (type stripping) after `npm run build -w @sidereal/gmm-solver`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  fitGaussianMixture,
  type GaussianMixtureModel,
  gaussianMixtureFromParameters,
  kmeans,
} from "@sidereal/gmm-solver";

const N = 100_000;
const D = 4;
const K = 5;
const N_INIT = 10;
const MAX_ITER = 100;
const REG_COVAR = 1e-6;
const EPS = 2 ** -52;

/** mulberry32 uniform in (0, 1) (deterministic data; no dependency on the PRNG package). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** 10^5 × 4 rows from 5 overlapping Gaussians with random (correlated) covariances. */
function makeData(): Float64Array {
  const u = mulberry32(12345);
  const gauss = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const weights = [0.3, 0.25, 0.2, 0.15, 0.1];
  const means: number[][] = [];
  const chols: number[][] = [];
  for (let k = 0; k < K; k++) {
    means.push(Array.from({ length: D }, () => 4 * gauss()));
    const L = new Array<number>(D * D).fill(0);
    for (let i = 0; i < D; i++) {
      for (let j = 0; j < i; j++) L[i * D + j] = 0.4 * gauss();
      L[i * D + i] = 0.5 + u();
    }
    chols.push(L);
  }
  const X = new Float64Array(N * D);
  const z = new Float64Array(D);
  for (let n = 0; n < N; n++) {
    let r = u();
    let k = 0;
    while (k < K - 1 && r >= weights[k]!) r -= weights[k++]!;
    for (let j = 0; j < D; j++) z[j] = gauss();
    for (let i = 0; i < D; i++) {
      let s = means[k]![i]!;
      for (let j = 0; j <= i; j++) s += chols[k]![i * D + j]! * z[j]!;
      X[n * D + i] = s;
    }
  }
  return X;
}

/** Weights nₖ/n, means and covariances (+ regCovar·I) of one-hot labels (scikit-learn's init). */
function modelFromLabels(X: Float64Array, labels: Int32Array): GaussianMixtureModel {
  const nk = new Float64Array(K);
  const means = new Float64Array(K * D);
  for (let n = 0; n < N; n++) {
    const k = labels[n]!;
    nk[k]++;
    for (let j = 0; j < D; j++) means[k * D + j] += X[n * D + j]!;
  }
  for (let k = 0; k < K; k++) {
    nk[k] += 10 * EPS;
    for (let j = 0; j < D; j++) means[k * D + j] /= nk[k]!;
  }
  const cov = new Float64Array(K * D * D);
  for (let n = 0; n < N; n++) {
    const k = labels[n]!;
    for (let i = 0; i < D; i++) {
      const di = X[n * D + i]! - means[k * D + i]!;
      for (let j = 0; j <= i; j++)
        cov[k * D * D + i * D + j] += di * (X[n * D + j]! - means[k * D + j]!);
    }
  }
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < D; i++) {
      for (let j = 0; j <= i; j++) {
        const v = cov[k * D * D + i * D + j]! / nk[k]! + (i === j ? REG_COVAR : 0);
        cov[k * D * D + i * D + j] = v;
        cov[k * D * D + j * D + i] = v;
      }
    }
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += nk[k]!;
  return gaussianMixtureFromParameters({
    weights: nk.map((v) => v / total),
    means,
    covariances: cov,
  });
}

/** Ours, like-for-like: init from labels + exactly MAX_ITER EM iterations per initialisation. */
function oursFromLabels(X: Float64Array, labels: readonly Int32Array[]) {
  const t0 = performance.now();
  const bounds = labels.map((l) => {
    const init = modelFromLabels(X, l);
    return fitGaussianMixture(X, {
      nComponents: K,
      nFeatures: D,
      warmStart: init,
      maxIter: MAX_ITER,
      tol: 0,
      regCovar: REG_COVAR,
    }).lowerBound;
  });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, bestLowerBound: Math.max(...bounds), lowerBounds: bounds };
}

interface PythonResult {
  implementation: string;
  seconds: number;
  bestLowerBound: number;
  lowerBounds: number[];
  [key: string]: unknown;
}

/** Environment pinning BLAS/OpenMP to one thread (our EM is single-threaded). */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };

function runPython(
  python: string,
  script: string,
  dir: string,
  extra: string[],
  env: Record<string, string> = {},
) {
  const r = spawnSync(python, [script, dir, ...extra], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) return { error: (r.stderr || String(r.error)).trim().split("\n").pop() };
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as PythonResult;
}

const here = dirname(fileURLToPath(import.meta.url));
const X = makeData();
const labels: Int32Array[] = [];
for (let r = 0; r < N_INIT; r++) labels.push(kmeans(X, K, { nFeatures: D, seed: r }).labels);

const dir = mkdtempSync(join(tmpdir(), "gmm-bench-"));
writeFileSync(join(dir, "X.f64"), new Uint8Array(X.buffer));
const flat = new Int32Array(N_INIT * N);
for (const [r, l] of labels.entries()) flat.set(l, r * N);
writeFileSync(join(dir, "labels.i32"), new Uint8Array(flat.buffer));
writeFileSync(
  join(dir, "meta.json"),
  JSON.stringify({ n: N, d: D, k: K, n_init: N_INIT, max_iter: MAX_ITER, reg_covar: REG_COVAR }),
);

// Warm-up (JIT) on a short run, then the measurement.
fitGaussianMixture(X.subarray(0, 10_000 * D), { nComponents: K, nFeatures: D, maxIter: 5 });
const ours = oursFromLabels(X, labels);

const script = join(here, "gmm_em_numpy.py");
const numpy = runPython("python3", script, dir, [], ONE_THREAD);
const numpyThreads = runPython("python3", script, dir, []);
const hasSklearn = spawnSync("/usr/bin/python3", ["-c", "import sklearn"]).status === 0;
const sklearn = hasSklearn
  ? runPython("/usr/bin/python3", script, dir, ["--sklearn"], ONE_THREAD)
  : { error: "import sklearn fails for /usr/bin/python3; not measured" };
rmSync(dir, { recursive: true, force: true });

const t1 = performance.now();
const endToEnd = fitGaussianMixture(X, {
  nComponents: K,
  nFeatures: D,
  nInit: N_INIT,
  maxIter: MAX_ITER,
  seed: 0,
});
const endToEndSeconds = (performance.now() - t1) / 1000;

const ratio = (b: { seconds?: number } | { error?: string }) =>
  "seconds" in b && typeof b.seconds === "number" ? ours.seconds / b.seconds : null;

const result = {
  package: "@sidereal/gmm-solver",
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  },
  fit: {
    data: `${N} x ${D}`,
    nComponents: K,
    covarianceType: "full",
    nInit: N_INIT,
    maxIter: MAX_ITER,
    tol: 0,
    emIterationsPerSide: N_INIT * MAX_ITER,
    init: "one-hot labels of our kmeans (seeds 0..9), identical on both sides, not timed",
    oursSeconds: ours.seconds,
    oursMsPerEmIteration: (ours.seconds * 1000) / (N_INIT * MAX_ITER),
    oursBestLowerBound: ours.bestLowerBound,
    oursLowerBounds: ours.lowerBounds,
    numpyTranscription: { blasThreads: 1, ...numpy },
    numpyTranscriptionDefaultThreads: { blasThreads: "default", ...numpyThreads },
    sklearn,
    oursOverNumpy: ratio(numpy),
    oursOverNumpyDefaultThreads: ratio(numpyThreads),
    oursOverSklearn: ratio(sklearn),
    bestLowerBoundAbsDiffVsNumpy:
      "bestLowerBound" in numpy ? Math.abs(ours.bestLowerBound - numpy.bestLowerBound) : null,
    bestLowerBoundAbsDiffVsSklearn:
      "bestLowerBound" in sklearn ? Math.abs(ours.bestLowerBound - sklearn.bestLowerBound) : null,
  },
  endToEnd: {
    call: "fitGaussianMixture(X, { nComponents: 5, nInit: 10, maxIter: 100, seed: 0 }) (kmeans init, tol 1e-3)",
    seconds: endToEndSeconds,
    nIter: endToEnd.nIter,
    converged: endToEnd.converged,
    lowerBound: endToEnd.lowerBound,
  },
};

const outDir = join(here, "../../../bench/results");
mkdirSync(outDir, { recursive: true });
const target = join(outDir, "gmm.json");
const tmp = `${target}.tmp-${process.pid}`;
writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
renameSync(tmp, target);
console.log(JSON.stringify(result, null, 2));
