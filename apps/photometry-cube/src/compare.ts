import { essBulk, rhat, sampleChain } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { gatherRows, loadCube, samplePosterior, seededSplit } from "@sidereal/nn";
import {
  denormaliseTheta,
  FILTER_SET_NAMES,
  type FilterSetName,
  readCubeInfo,
} from "@sidereal/photometry";
import {
  appCommand,
  ConfigError,
  DataError,
  Flags,
  NonEmptyString,
  NonNegativeInt,
  PositiveInt,
  Progress,
  RunError,
  reasonOf,
  Seed,
  withOutputDir,
  writeJson,
  writeText,
} from "@sidereal/runtime";
import { Effect, Schema } from "effect";
import { BackendField, backendFlag } from "./backend-flag.js";
import { cornerOverlay } from "./corner-overlay.js";
import { loadModel } from "./model.js";
import { mapNnFailures } from "./nn-errors.js";
import { photometryPotential } from "./photometry-potential.js";
import { existingCube, trainedModelDir, withSan } from "./san-inputs.js";

const CompareConfig = Schema.Struct({
  model: NonEmptyString,
  cube: NonEmptyString,
  out: NonEmptyString,
  row: NonNegativeInt,
  error: Schema.Finite.check(Schema.isGreaterThan(0)),
  samples: PositiveInt,
  chains: PositiveInt,
  warmup: PositiveInt,
  draws: PositiveInt,
  maxTreeDepth: PositiveInt,
  starts: PositiveInt,
  gradient: Schema.Literals(["central", "forward"]),
  seed: Seed,
  backend: BackendField,
});
type CompareConfig = typeof CompareConfig.Type;

export interface Summary {
  readonly median: number;
  readonly q16: number;
  readonly q84: number;
}

/** Median and 16/84 % quantiles (numpy "linear") of column j of (n, D) draws. */
export function summaryOf(draws: ArrayLike<number>, D: number, j: number): Summary {
  const n = draws.length / D;
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = draws[i * D + j];
  col.sort();
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return col[lo] + (h - lo) * (col[Math.min(n - 1, lo + 1)] - col[lo]);
  };
  return { median: q(0.5), q16: q(0.16), q84: q(0.84) };
}

// NUTS starts from SAN draws, kept off the cube's faces where the prior's logit Jacobian
// dominates the likelihood (a start at u = 1e-6 stalls there)
const clamp01 = (v: number) => Math.min(0.98, Math.max(0.02, v));

export const runCompare = (c: CompareConfig) =>
  Effect.gen(function* () {
    const model = yield* trainedModelDir(c.model);
    const cube = yield* existingCube(c.cube);
    const progress = yield* Progress;
    const info = yield* readCubeInfo(cube).pipe(
      Effect.mapError((e) => new DataError({ file: cube, reason: e.reason })),
    );
    const filterSet = info.layout.filterSet;
    if (!(FILTER_SET_NAMES as readonly string[]).includes(filterSet))
      return yield* new DataError({
        file: cube,
        field: "filter_set",
        reason: `${filterSet} is not a named filter set; compare needs the cube's forward model`,
      });
    const { model: forwardModel, fp } = yield* loadModel({ filters: filterSet as FilterSetName });

    yield* withOutputDir(c.out, (dir) =>
      mapNnFailures(
        withSan(c.backend, model, (t, san, hp) =>
          Effect.gen(function* () {
            const data = yield* loadCube(cube);
            if (data.rows !== hp.data.rows)
              return yield* new DataError({
                file: cube,
                reason: `${data.rows} rows, but the model was trained on a ${hp.data.rows}-row cube`,
              });
            const split = seededSplit(data.rows, hp.data.trainFraction, hp.data.seed);
            if (c.row >= split.test.length)
              return yield* new ConfigError({
                field: "--row",
                reason: `${c.row} is past the ${split.test.length} held-out rows`,
              });
            const cubeRow = split.test[c.row];
            const F = data.bands.length;
            const D = data.columns.length;
            const x = Float64Array.from(gatherRows(data.maggies, F, [cubeRow]));
            const sigma = x.map((v) => c.error * v);
            const truthUnit = Float64Array.from(data.y.subarray(cubeRow * D, (cubeRow + 1) * D));
            const toCube = (u: ArrayLike<number>, j: number) =>
              hp.ranges[2 * j] + u[j] * (hp.ranges[2 * j + 1] - hp.ranges[2 * j]);
            const truth = Array.from(truthUnit, (_, j) => toCube(truthUnit, j));

            // the same forward model as the cube: the truth must reproduce the cube's maggies
            const forward = (u: Float64Array) => forwardModel.forward(denormaliseTheta(fp, u));
            const fTruth = forward(truthUnit);
            const reproduction = Math.max(...Array.from(x, (v, b) => Math.abs(fTruth[b] / v - 1)));
            progress.message(
              `held-out row ${c.row} = cube row ${cubeRow}; forward model reproduces its maggies to ${reproduction.toExponential(1)} (relative)`,
            );

            const t0 = performance.now();
            const sanUnit = samplePosterior(t, san, hp.transform, x, c.samples, c.seed, sigma);
            const sanSeconds = (performance.now() - t0) / 1000;
            const sanDraws = Float64Array.from(sanUnit, (_, i) =>
              toCube(sanUnit.subarray(i - (i % D)), i % D),
            );

            const pot = photometryPotential(forward, x, sigma, { scheme: c.gradient });
            const chains: Float64Array[] = [];
            const divergences: number[] = [];
            const t1 = performance.now();
            const cpu0 = process.cpuUsage();
            // Starts: of the first `--starts` SAN draws (kept off the cube's faces), the
            // `--chains` with the lowest potential, as agnfinder starts emcee from an optimum:
            // the posterior is multimodal in redshift, and a chain started in a minor mode
            // stays there.
            const candidates = Array.from({ length: Math.min(c.starts, c.samples) }, (_, i) => {
              const q = Float64Array.from({ length: D }, (_, j) => {
                const u = clamp01(sanUnit[i * D + j]);
                return Math.log(u / (1 - u));
              });
              return { q, u: pot.potential(q, new Float64Array(D)) };
            }).sort((a, b) => a.u - b.u);
            const startPotentials: number[] = [];
            for (let ch = 0; ch < c.chains; ch++) {
              const pick = candidates[ch % candidates.length];
              const start = pick.q;
              startPotentials.push(pick.u);
              const result = yield* Effect.try({
                try: () =>
                  sampleChain(pot.potential, start, {
                    numWarmup: c.warmup,
                    numSamples: c.draws,
                    key: key(c.seed * 1000 + ch),
                    denseMass: true,
                    maxTreeDepth: c.maxTreeDepth,
                    progressInterval: 50,
                    onProgress: (p) =>
                      progress.update(
                        `NUTS chain ${ch + 1}`,
                        (p.phase === "warmup" ? 0 : c.warmup) + p.iteration,
                        c.warmup + c.draws,
                        `${p.phase}, step ${p.stepSize.toPrecision(2)}, ${p.divergences} divergent`,
                      ),
                  }),
                catch: (e) => new RunError({ stage: `NUTS chain ${ch + 1}`, reason: reasonOf(e) }),
              });
              progress.finish(`NUTS chain ${ch + 1}`);
              const q = result.draws;
              const cubeDraws = new Float64Array(q.length);
              const u = new Float64Array(D);
              for (let i = 0; i < q.length / D; i++) {
                for (let j = 0; j < D; j++) u[j] = 1 / (1 + Math.exp(-q[i * D + j]));
                for (let j = 0; j < D; j++) cubeDraws[i * D + j] = toCube(u, j);
              }
              chains.push(cubeDraws);
              divergences.push(result.stats.diverging.reduce((a, b) => a + b, 0));
            }
            const nutsSeconds = (performance.now() - t1) / 1000;
            const cpu = process.cpuUsage(cpu0);
            const pooled = new Float64Array(chains.reduce((s, a) => s + a.length, 0));
            chains.forEach((a, k) => {
              pooled.set(a, k * a.length);
            });

            const params = data.columns.map((name, j) => {
              const perChain = chains.map((a) => a.filter((_, i) => i % D === j));
              return {
                name,
                truth: truth[j],
                san: summaryOf(sanDraws, D, j),
                nuts: summaryOf(pooled, D, j),
                rhat: chains.length > 1 ? rhat(perChain) : Number.NaN,
                essBulk: essBulk(perChain),
              };
            });
            const report = {
              heldOutRow: c.row,
              cubeRow,
              cubeRows: data.rows,
              bands: data.bands,
              maggies: Array.from(x),
              errorFraction: c.error,
              forwardReproduction: reproduction,
              units:
                "hypercube units: log10 for log_* parameters, normalised-free values otherwise",
              san: { samples: c.samples, seconds: sanSeconds },
              nuts: {
                chains: c.chains,
                warmup: c.warmup,
                draws: c.draws,
                maxTreeDepth: c.maxTreeDepth,
                denseMass: true,
                gradient: `${c.gradient} differences in logit(u), h = ${c.gradient === "central" ? "1e-5" : "1e-6"}`,
                divergences,
                startPotentials,
                forwardCalls: pot.calls(),
                seconds: nutsSeconds,
                cpuSeconds: (cpu.user + cpu.system) / 1e6,
              },
              params,
            };
            yield* writeJson(dir.file("compare.json"), report);
            const header =
              "parameter,truth,san_median,san_q16,san_q84,nuts_median,nuts_q16,nuts_q84,rhat,ess_bulk";
            yield* writeText(
              dir.file("compare.csv"),
              [
                header,
                ...params.map((p) =>
                  [
                    p.name,
                    p.truth,
                    p.san.median,
                    p.san.q16,
                    p.san.q84,
                    p.nuts.median,
                    p.nuts.q16,
                    p.nuts.q84,
                    p.rhat,
                    p.essBulk,
                  ].join(","),
                ),
              ].join("\n"),
            );
            yield* writeText(
              dir.file("corner.svg"),
              cornerOverlay(
                data.columns,
                [
                  { label: `SAN (${c.samples} samples)`, draws: sanDraws },
                  { label: `NUTS (${c.chains} × ${c.draws} draws)`, draws: pooled },
                ],
                { truth, title: `SAN vs NUTS, held-out row ${c.row} (σ = ${c.error} × maggies)` },
              ),
            );
            for (const p of params)
              progress.message(
                `${p.name}: truth ${p.truth.toFixed(3)}; SAN ${p.san.median.toFixed(3)} [${p.san.q16.toFixed(3)}, ${p.san.q84.toFixed(3)}]; NUTS ${p.nuts.median.toFixed(3)} [${p.nuts.q16.toFixed(3)}, ${p.nuts.q84.toFixed(3)}] (R̂ ${p.rhat.toFixed(3)})`,
              );
            progress.message(
              `${dir.path}: SAN ${sanSeconds.toFixed(1)} s, NUTS ${nutsSeconds.toFixed(0)} s (${pot.calls()} forward runs, ${divergences.join("+")} divergences)`,
            );
          }),
        ),
        cube,
        dir.staging,
      ),
    );
  });

export const compareCommand = appCommand({
  name: "compare",
  description:
    "SAN posterior against a NUTS posterior of the same forward model and priors for one held-out galaxy (compare.json, compare.csv, corner.svg)",
  config: CompareConfig,
  defaults: {
    row: 0,
    error: 0.05,
    samples: 10_000,
    chains: 2,
    warmup: 500,
    draws: 500,
    maxTreeDepth: 8,
    starts: 200,
    gradient: "central",
    seed: 0,
  },
  flags: {
    model: Flags.string("model", "model folder written by `train`"),
    cube: Flags.string("cube", "the cube the model was trained on"),
    out: Flags.string("out", "output folder"),
    row: Flags.int("row", "which held-out row (0-based, default 0)"),
    error: Flags.number("error", "maggie errors as a fraction of the maggies (default 0.05)"),
    samples: Flags.int("samples", "SAN samples (default 10000)"),
    chains: Flags.int("chains", "NUTS chains (default 2)"),
    warmup: Flags.int("warmup", "NUTS warmup iterations per chain (default 500)"),
    draws: Flags.int("draws", "NUTS draws per chain (default 500)"),
    maxTreeDepth: Flags.int("max-tree-depth", "NUTS maximum tree depth (default 8)"),
    starts: Flags.int(
      "starts",
      "SAN draws scored by their potential; the chains start from the best (default 200)",
    ),
    gradient: Flags.choice(
      "gradient",
      ["central", "forward"] as const,
      "finite differences for the NUTS gradient: central (2·9 forward runs, default) or forward (9)",
    ),
    seed: Flags.int("seed", "PRNG seed (default 0)"),
    backend: backendFlag,
  },
  pathFields: ["model", "cube", "out"],
  run: runCompare,
});
