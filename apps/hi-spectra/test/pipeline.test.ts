/**
 * The inference commands end to end in process (`runCli`, chains in this thread), with tiny
 * settings (seconds, not the seed's minutes): files and their layouts (idata.nc groups,
 * per-cloud summary.json, bic.json, bias.json, bics.json, plots), CSV input equal to JSON input,
 * and identical files for the same seed (manifest times aside).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInferenceData } from "@sidereal/io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";

const dir = mkdtempSync(join(tmpdir(), "hi-pipeline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
const run = (args: string[]) => runCli([...args, "--quiet"], quiet);

const TINY = join(dir, "tiny.json");
const SIM = join(dir, "sim");
const simJson = join(SIM, "simulated.json");
beforeAll(async () => {
  writeFileSync(
    TINY,
    JSON.stringify({
      chains: 2,
      warmup: 15,
      draws: 10,
      workers: 0,
      thin: 5,
      priorDraws: 20,
      advi: { n: 150, draws: 20 },
      solve: { nInit: 2, maxIter: 50 },
    }),
  );
  expect(await run(["simulate", "--out", SIM, "--seed", "3"])).toBe(0);
}, 60_000);

const read = (out: string, f: string) => JSON.parse(readFileSync(join(out, f), "utf8"));
// idata.nc aside: HDF5 stamps its object headers with creation times (h5wasm cannot turn that
// off), so its content is compared instead of its bytes
const contents = (out: string) =>
  readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== "manifest.json" && e.name !== "idata.nc")
    .map((e) => {
      const p = join(e.parentPath, e.name);
      return [p.slice(out.length), readFileSync(p).toString("base64")] as const;
    })
    .sort(([a], [b]) => a.localeCompare(b));

/** The InferenceData groups of `out/idata.nc` include `groups`. */
async function expectGroups(out: string, groups: readonly string[]) {
  const idata = await readInferenceData(join(out, "idata.nc"));
  expect(Object.keys(idata)).toEqual(expect.arrayContaining([...groups]));
  return idata;
}

const fitArgs = (out: string, data = simJson) => [
  "fit",
  "--data",
  data,
  "--model",
  "emission",
  "--n-clouds",
  "1",
  "--config",
  TINY,
  "--seed",
  "5",
  "--out",
  out,
];

describe("hi-spectra fit", () => {
  it("writes idata.nc, per-cloud summary.json, bic.json, plots and the report", async () => {
    const out = join(dir, "fit-a");
    expect(await run(fitArgs(out))).toBe(0);
    const summary = read(out, "summary.json");
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(["velocity", "fwhm2", "TB_fwhm"]));
    expect(summary.velocity).toHaveLength(1);
    expect(Object.keys(summary.velocity[0])).toEqual([
      "mean",
      "sd",
      "hdi_3%",
      "hdi_97%",
      "r_hat",
      "ess_bulk",
    ]);
    const bic = read(out, "bic.json");
    expect(Object.keys(bic)).toEqual(["k", "n", "mean_lnlike", "bic"]);
    expect(bic.n).toBe(200);
    expect(bic.bic).toBeCloseTo(bic.k * Math.log(bic.n) - 2 * bic.mean_lnlike, 8);
    const idata = await expectGroups(out, [
      "posterior",
      "sample_stats",
      "log_likelihood",
      "observed_data",
      "posterior_predictive",
    ]);
    expect(idata.posterior_predictive?.variables.emission?.shape).toEqual([
      expect.any(Number),
      2,
      200,
    ]);
    const plots = readdirSync(join(out, "plots"));
    for (const p of [
      "trace.svg",
      "pair-cloud0.png",
      "posterior-predictive-emission.svg",
      "data-emission.png",
    ])
      expect(plots).toContain(p);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("BIC =");
  }, 240_000);

  it("the same seed gives identical files; CSV input gives the same result as JSON", async () => {
    const out = join(dir, "fit-a");
    const first = contents(out);
    const firstIdata = await readInferenceData(join(out, "idata.nc"));
    expect(first.length).toBeGreaterThan(10);
    expect(await run(fitArgs(out))).toBe(0); // replaces the folder as a whole
    expect(contents(out)).toEqual(first);
    expect(await readInferenceData(join(out, "idata.nc"))).toEqual(firstIdata);
    const sim = read(SIM, "simulated.json");
    const csv = ["velocity,brightness,noise"];
    sim.emission.spectral.forEach((v: number, i: number) => {
      csv.push(`${v},${sim.emission.brightness[i]},${sim.emission.noise[i]}`);
    });
    writeFileSync(join(dir, "emission.csv"), csv.join("\n"));
    writeFileSync(join(dir, "spectra.json"), JSON.stringify({ emission: "emission.csv" }));
    const viaCsv = join(dir, "fit-csv");
    expect(await run(fitArgs(viaCsv, join(dir, "spectra.json")))).toBe(0);
    expect(read(viaCsv, "summary.json")).toEqual(read(out, "summary.json"));
  }, 480_000);
});

describe("hi-spectra bias and optimize", () => {
  it("bias: bias.json and per-cloud figures of both fits", async () => {
    const out = join(dir, "bias");
    const args = ["bias", "--data", simJson, "--config", TINY, "--chains", "1", "--out", out];
    expect(await run(args)).toBe(0);
    const bias = read(out, "bias.json");
    expect(bias.fits.map((f: { name: string }) => f.name)).toEqual(["constant", "variable"]);
    expect(bias.fits[0].priorSigmaLog10NHI).toBeNull();
    expect(bias.fits[1].priorSigmaLog10NHI).toBe(0.5);
    const row = bias.fits[1].clouds[0];
    expect(Object.keys(row.truth)).toEqual([
      "tspin",
      "tau_total",
      "absorption_weight",
      "log10_NHI",
    ]);
    expect(Object.keys(row.posterior)).toEqual(
      expect.arrayContaining(["tspin", "tau_total", "absorption_weight"]),
    );
    // the constant-column-density fit has no absorption_weight
    expect(Object.keys(bias.fits[0].clouds[0].posterior)).not.toContain("absorption_weight");
    const plots = readdirSync(join(out, "plots"));
    // per simulation cloud matched by some posterior cloud (tiny chains may match fewer than 3)
    const matched = new Set(
      bias.fits.flatMap((f: { clouds: { truthIndex: number }[] }) =>
        f.clouds.map((c) => c.truthIndex),
      ),
    );
    expect(plots.filter((p) => /^bias-cloud\d-tspin\.svg$/.test(p)).sort()).toEqual(
      [...matched].sort().map((j) => `bias-cloud${j}-tspin.svg`),
    );
  }, 480_000);

  it("optimize: bics.json and the BIC plot", async () => {
    const out = join(dir, "optimize");
    const args = [
      "optimize",
      "--data",
      simJson,
      "--model",
      "emission",
      "--max-clouds",
      "2",
      "--config",
      TINY,
      "--out",
      out,
    ];
    expect(await run(args)).toBe(0);
    const record = read(out, "bics.json");
    expect(Object.keys(record.bics)).toEqual(expect.arrayContaining(["0", "1"]));
    expect(record.bestNClouds).toBeGreaterThanOrEqual(0);
    expect(readdirSync(join(out, "plots"))).toContain("bic.svg");
  }, 480_000);
});

describe("hi-spectra run (tiny settings)", () => {
  it("writes the notebook's outputs: predictive groups, comparison with cell [46], plots", async () => {
    const out = join(dir, "run");
    expect(await run(["run", "--config", TINY, "--out", out])).toBe(0);
    const idata = await expectGroups(out, [
      "posterior",
      "prior",
      "prior_predictive",
      "posterior_predictive",
      "log_likelihood",
    ]);
    expect(idata.prior_predictive?.variables.emission?.shape).toEqual([1, 20, 200]);
    const stats = read(out, "summary-stats.json");
    expect(Object.keys(stats.velocity[0])).toEqual(["mean", "sd", "hdi_16%", "hdi_84%"]);
    const cmp = read(out, "seed-comparison.json");
    expect(cmp.rows).toHaveLength(15); // 5 variables × 3 clouds
    expect(read(out, "advi.json").iterations).toBe(150);
    expect(read(out, "simulated.json").params.velocity).toEqual([-5, 5, 10]);
    const plots = readdirSync(join(out, "plots"));
    for (const p of [
      "prior-predictive-emission.svg",
      "advi-predictive-absorption.svg",
      "prior-pair-cloud0.svg",
      "pair-clouds.svg",
      "trace.svg",
    ])
      expect(plots).toContain(p);
  }, 480_000);
});
