#!/usr/bin/env node
/**
 * CLI: `stream-density [gaussian|spline|gd1|all] [--out DIR] [--full] [--gaussian-data FILE]
 * [--gd1-data FILE] [--warmup N] [--samples N] [--chains N] [--gd1-warmup N]
 * [--gd1-samples N] [--gd1-chains N] [--gd1-maxiter N] [--seed N] [--max-points N] [--max-stars N]
 * [--workers N]`. `--workers` (default: the number of CPUs, 0 on a single CPU) runs the
 * NUTS chains in worker threads; the draws are the same for any value.
 * The default command is `all`. Without `--full` the quick settings are used (1-D NUTS
 * 2 × (500 + 500), GD-1 MAP only in `all`); `--full` uses 4 × (1000 + 1000) for the 1-D
 * model and 2 × (300 + 300) NUTS on GD-1, which the `gd1` command also uses by default.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { Effect } from "effect";
import { decodeConfig, QUICK_SETTINGS, SEED_SETTINGS } from "./config.js";
import { BUNDLED_GAUSSIAN_1D, BUNDLED_GD1 } from "./data.js";
import { runPipeline } from "./pipeline.js";

const USAGE = `usage: stream-density [gaussian | spline | gd1 | all] [options]   (default command: all)

  gaussian   1-D Gaussian density model, L-BFGS-B (the seed's bounds)
  spline     1-D spline log-density (11 knots), L-BFGS-B, then NUTS and the density band
  gd1        the GD-1 stream model on Gaia DR3: initial guess, L-BFGS, NUTS, memberships
  all        the three in turn

options:
  --out DIR                 output folder (default out/stream-density)
  --full                    the seed's run lengths (see the README)
  --gaussian-data FILE      1-D data (float64 little-endian; default: bundled)
  --gd1-data FILE           GD-1 FITS catalogue (default: bundled)
  --warmup/--samples/--chains N           1-D NUTS
  --gd1-warmup/--gd1-samples/--gd1-chains N   GD-1 NUTS (--gd1-samples 0: MAP only)
  --gd1-maxiter N           L-BFGS iterations for GD-1
  --seed N                  PRNG seed (default 42)
  --workers N               worker threads for the chains (0: main thread)
  --max-points N            only the first N 1-D points (0 = all)
  --max-stars N             every k-th GD-1 star so that N remain (0 = all)
  --help                    this text`;

function parseCli() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        out: { type: "string", default: "out/stream-density" },
        "gaussian-data": { type: "string", default: BUNDLED_GAUSSIAN_1D },
        "gd1-data": { type: "string", default: BUNDLED_GD1 },
        full: { type: "boolean", default: false },
        warmup: { type: "string" },
        samples: { type: "string" },
        chains: { type: "string" },
        "gd1-warmup": { type: "string" },
        "gd1-samples": { type: "string" },
        "gd1-chains": { type: "string" },
        "gd1-maxiter": { type: "string" },
        seed: { type: "string", default: "42" },
        workers: { type: "string" },
        "max-points": { type: "string", default: "0" },
        "max-stars": { type: "string", default: "0" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    // an unknown flag or a missing value: say which, with the usage, and exit 2
    console.error(`stream-density: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const { values, positionals } = parseCli();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const command = positionals[0] ?? "all";
const base = values.full ? SEED_SETTINGS : QUICK_SETTINGS;
// the `gd1` command samples by default (the seed's suggestion): GD-1 NUTS 2 × (300 + 300)
const gd1Base = values.full || command === "gd1" ? SEED_SETTINGS : QUICK_SETTINGS;
const num = (s: string | undefined, dflt: number) => (s === undefined ? dflt : Number(s));
const program = decodeConfig({
  command,
  out: values.out,
  gaussianData: values["gaussian-data"],
  gd1Data: values["gd1-data"],
  maxPoints: num(values["max-points"], 0),
  maxStars: num(values["max-stars"], 0),
  numWarmup: num(values.warmup, base.numWarmup),
  numSamples: num(values.samples, base.numSamples),
  numChains: num(values.chains, base.numChains),
  gd1Warmup: num(values["gd1-warmup"], gd1Base.gd1Warmup),
  gd1Samples: num(values["gd1-samples"], gd1Base.gd1Samples),
  gd1Chains: num(values["gd1-chains"], gd1Base.gd1Chains),
  gd1MaxIter: num(values["gd1-maxiter"], base.gd1MaxIter),
  maxTreeDepth: base.maxTreeDepth,
  workers: num(values.workers, availableParallelism() > 1 ? availableParallelism() : 0),
  targetAccept: base.targetAccept,
  seed: num(values.seed, 42),
}).pipe(
  Effect.flatMap(runPipeline),
  Effect.tap((r) =>
    Effect.sync(() => console.log(`\n${r.summaryText}\n\nreport: ${r.outDir}/index.html`)),
  ),
);
Effect.runPromise(program).catch((e: unknown) => {
  console.error(String(e instanceof Error ? e.message : e));
  process.exit(1);
});
