/**
 * `npm run validate -w @sidereal/stream-density`: the GD-1 pipeline end to end with
 * moderate settings (all 2960 stars, L-BFGS-B with the seed's settings, NUTS
 * 2 × (150 + 150) from the optimum in 2 worker threads) into a temporary folder, then
 * checks that every output exists and is consistent and that the optimum reaches the
 * issue's bar (−0.41728; the seed: −0.4172804414762403). Exits 1 on any failed check.
 *
 * Run after `npm run build -w @sidereal/stream-density` with Node >= 22.18:
 * `node apps/stream-density/validate/run.ts [--keep]` (`--keep` leaves the folder).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppLayer } from "@sidereal/runtime";
import { Effect } from "effect";
import { BUNDLED_GAUSSIAN_1D, BUNDLED_GD1, decodeConfig, runPipeline } from "../dist/index.js";

const keep = process.argv.includes("--keep");
const out = mkdtempSync(join(tmpdir(), "stream-density-validate-"));
const config = {
  command: "gd1",
  out,
  gaussianData: BUNDLED_GAUSSIAN_1D,
  gd1Data: BUNDLED_GD1,
  maxPoints: 0,
  maxStars: 0,
  numWarmup: 0,
  numSamples: 1,
  numChains: 1,
  gd1Warmup: 150,
  gd1Samples: 150,
  gd1Chains: 2,
  gd1MaxIter: 100_000,
  maxTreeDepth: 10,
  workers: 2,
  targetAccept: 0.8,
  seed: 42,
};

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

const t0 = performance.now();
const result = await Effect.runPromise(
  decodeConfig(config).pipe(Effect.flatMap(runPipeline), Effect.provide(AppLayer)),
);
const seconds = (performance.now() - t0) / 1000;
console.log(`${result.summaryText}\n\npipeline: ${seconds.toFixed(1)} s in ${out}`);

for (const f of [
  "optimization.json",
  "summary.json",
  "summary.txt",
  "draws.csv",
  "idata.nc",
  "membership.csv",
  "index.html",
  "plots/gd1_density.svg",
  "plots/gd1_density.png",
  "plots/gd1_init_density.png",
  "plots/gd1_membership.png",
  "plots/gd1_trace.png",
  "plots/gd1_knots_ln_n0.png",
  "plots/gd1_knots_mean_phi2.png",
  "plots/gd1_knots_ln_std_phi2.png",
  "plots/gd1_knots_ln_n0_bkg.png",
])
  check(existsSync(join(out, f)), `${f} exists`);

const opt = JSON.parse(readFileSync(join(out, "optimization.json"), "utf8"));
check(opt.fun <= -0.41728, `optimum ${opt.fun} <= -0.41728 (nfev ${opt.nfev}, ${opt.seconds} s)`);
check(opt.seconds < 30, `L-BFGS-B wall time ${opt.seconds} s < 30 s`);
check(opt.x.length === 72, "72 parameters");

const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
const s = summary.sampling;
check(s !== null && s.index.length === 72, "posterior summary of the 72 knot values");
check(
  s !== null && Number.isFinite(s.rHatMax) && Number.isFinite(s.essBulkMin),
  `r_hat max ${s?.rHatMax}, ESS bulk min ${s?.essBulkMin}, tail min ${s?.essTailMin}, divergences ${s?.divergences}, ${s?.seconds} s`,
);

const membership = readFileSync(join(out, "membership.csv"), "utf8").trim().split("\n");
check(membership.length === 2961, `membership.csv has 2960 stars (${membership.length - 1})`);
check(
  membership[0] === "index,phi1_deg,phi2_deg,p_stream_map,p_stream_posterior_mean",
  "membership.csv has MAP and posterior-mean probabilities",
);
const probs = membership.slice(1).map((l) => Number(l.split(",")[4]));
check(
  probs.every((p) => p >= 0 && p <= 1),
  `membership probabilities in [0, 1]; ${probs.filter((p) => p > 0.5).length} stars > 0.5`,
);

const draws = readFileSync(join(out, "draws.csv"), "utf8").trim().split("\n");
const header = draws.findIndex((l) => !l.startsWith("#"));
check(
  draws.length - header - 1 === 2 * 150,
  `draws.csv has 2 × 150 draws (${draws.length - header - 1})`,
);

const html = readFileSync(join(out, "index.html"), "utf8");
check(html.includes("Diagnostics") && html.includes("Configuration"), "index.html run report");

if (!keep) rmSync(out, { recursive: true, force: true });
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("\nall checks passed");
