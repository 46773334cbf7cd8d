/**
 * `npm run validate -w @sidereal/exo-rt`: the six reference cases of issue 18 against the
 * sampled ExoJAX reference rows (test/fixtures), and PreMODIT's flux against MODIT's with
 * ExoJAX's own tolerances (diffmode 0: < 0.006, diffmode 1: < 0.005). The RT cases take
 * about a minute each on a loaded machine, so they live here rather than in the unit tests.
 *
 * Run with Node >= 22.18: `node packages/exo-rt/validate/reference.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { OpaPremodit, referenceCase, referenceFlux, referenceSetup } from "@sidereal/exo-rt";

const setup = referenceSetup();
// every fixture file of each reference output: the sampled rows and the contiguous blocks
const fixtures: Record<string, string> = {
  "lpf-xs": "lpf_test_ref",
  "lpf-rt": "lpf_rt_test_ref",
  "modit-xs": "modit_test_ref",
  "modit-rt": "modit_rt_test_ref",
};
const fixtureDir = new URL("../test/fixtures/", import.meta.url);
const rows = (name: string) =>
  readdirSync(fixtureDir)
    .filter((f) => f.startsWith(`${name}.`) && f.endsWith(".csv"))
    .flatMap((f) =>
      readFileSync(new URL(f, fixtureDir), "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(",").map(Number)),
    );

function nearest(nu: Float64Array, x: number): number {
  let lo = 0;
  let hi = nu.length - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (nu[m] <= x) lo = m;
    else hi = m;
  }
  return Math.abs(nu[lo] - x) < Math.abs(nu[hi] - x) ? lo : hi;
}

let failed = false;
const results: Record<string, Float64Array> = {};
for (const name of ["lpf-xs", "modit-xs", "premodit-xs", "modit-rt", "premodit-rt", "lpf-rt"]) {
  const t0 = performance.now();
  const [nu, y] = referenceCase(name, setup);
  results[name] = y;
  const ms = performance.now() - t0;
  const fx = fixtures[name];
  if (fx === undefined) {
    process.stdout.write(`${name}: computed in ${ms.toFixed(0)} ms\n`);
    continue;
  }
  let worst = 0;
  const fxRows = rows(fx);
  for (const [x, ref] of fxRows) worst = Math.max(worst, Math.abs(y[nearest(nu, x)] / ref - 1));
  const ok = worst < 1e-6;
  failed ||= !ok;
  process.stdout.write(
    `${name}: max rel. deviation from ExoJAX at ${fxRows.length} rows ${worst.toExponential(2)} (${ok ? "ok" : "FAIL"} < 1e-6), ${ms.toFixed(0)} ms\n`,
  );
}

const rel = (a: Float64Array, b: Float64Array) => {
  let w = 0;
  for (let k = 0; k < a.length; k++) w = Math.max(w, Math.abs(a[k] / b[k] - 1));
  return w;
};
const moditXs = referenceCase("modit-xs", setup)[1];
const dxs = rel(results["premodit-xs"], moditXs);
process.stdout.write(`premodit-xs vs modit-xs (every wavenumber): ${dxs.toFixed(5)} (< 0.012)\n`);
failed ||= !(dxs < 0.012);
const d0 = rel(results["premodit-rt"], results["modit-rt"]);
process.stdout.write(`premodit-rt (diffmode 0) vs modit-rt: ${d0.toFixed(5)} (< 0.006)\n`);
failed ||= !(d0 < 0.006);
const opa1 = new OpaPremodit(setup.mdb, setup.nu, { autoTrange: [400, 1500], diffmode: 1 });
const f1 = referenceFlux(setup, opa1.xsmatrix(setup.tarr, setup.art.pressure));
const d1 = rel(f1, results["modit-rt"]);
process.stdout.write(`premodit-rt (diffmode 1) vs modit-rt: ${d1.toFixed(5)} (< 0.005)\n`);
failed ||= !(d1 < 0.005);
process.exitCode = failed ? 1 : 0;
