#!/usr/bin/env node
/**
 * CLI: `sidereal-gaia-distances [--out DIR] [--data FILE] [--full] [--warmup N] [--samples N]
 * [--chains N] [--seed N] [--max-stars N]`. Without `--full` it runs the quick demo settings; `--full`
 * uses the seed's 2 × (2000 + 4000).
 */
import { parseArgs } from "node:util";
import { Effect } from "effect";
import { decodeConfig, QUICK_SETTINGS, SEED_SETTINGS } from "./config.js";
import { BUNDLED_M67 } from "./data.js";
import { runPipeline } from "./pipeline.js";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "out/gaia-distances" },
    data: { type: "string", default: BUNDLED_M67 },
    full: { type: "boolean", default: false },
    warmup: { type: "string" },
    samples: { type: "string" },
    chains: { type: "string" },
    seed: { type: "string", default: "7" },
    "max-stars": { type: "string", default: "0" },
  },
});
const base = values.full ? SEED_SETTINGS : QUICK_SETTINGS;
const num = (s: string | undefined, dflt: number) => (s === undefined ? dflt : Number(s));
const program = decodeConfig({
  data: values.data,
  out: values.out,
  numWarmup: num(values.warmup, base.numWarmup),
  numSamples: num(values.samples, base.numSamples),
  numChains: num(values.chains, base.numChains),
  maxTreeDepth: base.maxTreeDepth,
  targetAccept: base.targetAccept,
  seed: num(values.seed, 7),
  maxStars: num(values["max-stars"], 0),
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
