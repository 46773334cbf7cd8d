/**
 * `npm run validate -w @sidereal/autodiff-samplers` (Node 24, type stripping; uses the built
 * package: run `npm run build -w @sidereal/autodiff-samplers` first).
 *
 * 1. Simulation-based calibration of NUTS through the PPL on three small models (`models.ts`,
 *    `sbc.ts`): N replications each (default 500; `--reps N`), L = 99 draws thinned by 3
 *    after 300 warmup iterations, ranks grouped in 10 bins, Pearson chi-square test per
 *    quantity with a Bonferroni-corrected level 0.01 / (number of quantities).
 * 2. Seed 004's outlier mixture model at full length, 2 × (2000 + 2000), against the
 *    quadrature reference (`linearOutliers.ts`).
 * 3. SVI on the banana target at full length (10 000 steps each, ~10 s): AutoBNAFNormal
 *    beats AutoMultivariateNormal by a wide margin in final loss and KL
 *    (`test/svi/fixtures/banana.ts`; the test suite runs the 2000-step version).
 *
 * Prints a table per part and exits with status 1 if any check fails. `--only sbc`,
 * `--only outliers` or `--only banana` runs one part; `--workers W` sets the SBC worker
 * threads (default: all cores).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AutoBNAFNormal, AutoMultivariateNormal } from "@sidereal/autodiff-samplers";
import { banana, fitBanana } from "../test/svi/fixtures/banana.ts";
import { sbcModels } from "./models.ts";
import { type SbcReplication, type SbcSettings, uniformityTest } from "./sbc.ts";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const reps = Number(arg("reps") ?? 500);
const only = arg("only");
const workers = Math.max(1, Number(arg("workers") ?? availableParallelism()));
const settings: SbcSettings = { seed: 2018, numWarmup: 300, numDraws: 99, thinning: 3 };
const BINS = 10;
const ALPHA = 0.01;

function runReplications(model: number, n: number): Promise<SbcReplication[]> {
  const jobs = Array.from({ length: Math.min(workers, n) }, (_, w) =>
    Array.from({ length: n }, (_, r) => r).filter((r) => r % workers === w),
  );
  return Promise.all(
    jobs.map(
      (repsOfWorker) =>
        new Promise<SbcReplication[]>((resolve, reject) => {
          const w = new Worker(new URL("./sbcWorker.ts", import.meta.url), {
            workerData: { model, reps: repsOfWorker, settings },
          });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  ).then((parts) => parts.flat());
}

const pad = (s: string, n: number) => s.padEnd(n);
let failed = false;

if (only === undefined || only === "sbc") {
  const numTests = sbcModels.reduce((k, m) => k + m.quantities.length, 0);
  const level = ALPHA / numTests;
  console.log(
    `Simulation-based calibration: ${reps} replications per model, L = ${settings.numDraws} draws (thinning ${settings.thinning}, ${settings.numWarmup} warmup), ${BINS} bins, chi-square per quantity at level ${ALPHA}/${numTests} = ${level.toExponential(2)}\n`,
  );
  console.log(
    `${pad("model", 32)}${pad("quantity", 10)}${pad("chi2", 9)}${pad("p", 10)}result   bin counts`,
  );
  for (let mi = 0; mi < sbcModels.length; mi++) {
    const m = sbcModels[mi];
    const t0 = performance.now();
    const out = await runReplications(mi, reps);
    const secs = (performance.now() - t0) / 1000;
    for (const [label] of m.quantities) {
      const t = uniformityTest(
        out.map((o) => o.ranks[label]),
        settings.numDraws,
        BINS,
      );
      const ok = t.pValue >= level;
      failed ||= !ok;
      console.log(
        `${pad(m.name, 32)}${pad(label, 10)}${pad(t.chi2.toFixed(2), 9)}${pad(t.pValue.toFixed(4), 10)}${pad(ok ? "ok" : "FAIL", 9)}${t.counts.join(" ")}`,
      );
    }
    const div = out.reduce((k, o) => k + o.divergences, 0);
    console.log(`${pad("", 32)}(${secs.toFixed(1)} s, ${div} divergent transitions in all)`);
  }
  console.log("");
}

if (only === undefined || only === "outliers") {
  const { checkLinearOutliers } = await import("./linearOutliers.ts");
  failed = !checkLinearOutliers() || failed;
}

if (only === undefined || only === "banana") {
  const mvn = fitBanana(AutoMultivariateNormal(banana), 10_000);
  const bnaf = fitBanana(AutoBNAFNormal(banana), 10_000);
  // a wide margin: 0.2 nats in both the final loss and the KL
  const ok = bnaf.tail < mvn.tail - 0.2 && bnaf.kl < mvn.kl - 0.2;
  console.log(
    `\nBanana SVI, 10 000 steps: AutoMultivariateNormal loss ${mvn.tail.toFixed(3)} KL ${mvn.kl.toFixed(3)}; AutoBNAFNormal loss ${bnaf.tail.toFixed(3)} KL ${bnaf.kl.toFixed(3)} — ${ok ? "ok" : "FAILED"}`,
  );
  failed ||= !ok;
}

console.log(failed ? "VALIDATION FAILED" : "validation passed");
process.exitCode = failed ? 1 : 0;
