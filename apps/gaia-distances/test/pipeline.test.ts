import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInferenceData } from "@sidereal/io";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { M67_COLUMNS } from "../src/data.js";
import { writeFitsTable } from "./helpers/fits.js";

const dir = mkdtempSync(join(tmpdir(), "gaia-distances-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS = [
  "mean",
  "sd",
  "hdi_3%",
  "hdi_97%",
  "mcse_mean",
  "mcse_sd",
  "ess_bulk",
  "ess_tail",
  "r_hat",
];
const tiny = ["--warmup", "20", "--draws", "10"];
let runs = 0;
const outDir = () => join(dir, `run-${runs++}`);

function expectStandardOutputs(out: string): Record<string, Record<string, number>> {
  for (const f of ["idata.nc", "summary.json", "summary.txt", "draws.csv", "index.html"])
    expect(existsSync(join(out, f)), f).toBe(true);
  const json = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  expect(json.columns).toEqual(COLUMNS);
  expect(readFileSync(join(out, "draws.csv"), "utf8").startsWith("chain__,draw__,lp__,")).toBe(
    true,
  );
  const summary: Record<string, Record<string, number>> = {};
  json.index.forEach((label: string, i: number) => {
    summary[label] = Object.fromEntries(COLUMNS.map((c, j) => [c, json.data[i][j]]));
  });
  return summary;
}

describe("m67 (50–200 stars, short chains)", () => {
  it("writes InferenceData, summaries, draws, membership, plots and the report", async () => {
    const out = outDir();
    const code = await runCli([
      "m67",
      "--out",
      out,
      "--max-stars",
      "200",
      "--warmup",
      "40",
      "--draws",
      "20",
      "--seed",
      "3",
    ]);
    expect(code).toBe(0);
    const summary = expectStandardOutputs(out);
    expect(Object.keys(summary)).toEqual(["L", "D", "approx_size", "Q"]);
    for (const p of ["pair", "trace", "cmd", "parallax_ppc"])
      for (const ext of ["svg", "png"])
        expect(existsSync(join(out, "plots", `${p}.${ext}`))).toBe(true);
    const membership = readFileSync(join(out, "membership.csv"), "utf8").trim().split("\n");
    expect(membership[0]).toBe("source_id,p_cluster,median_distance_pc");
    expect(membership).toHaveLength(201);
    expect(membership[1].split(",")[0]).toBe("598694977656708224");
    const header = readFileSync(join(out, "draws.csv"), "utf8").split("\n")[0];
    expect(header).toBe(
      "chain__,draw__,lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,log_L,log_D,log_sigma,Q,L,D,approx_size",
    );
    const idata = await readInferenceData(join(out, "idata.nc"));
    const post = idata.posterior?.variables ?? {};
    expect(post.r.dims).toEqual(["chain", "draw", "star"]);
    expect(post.r.shape).toEqual([2, 20, 200]);
    // per-star membership log-probability of the cluster; plx_true and p's background column
    // are left out of the file (redundant)
    expect(post.p_cluster.dims).toEqual(["chain", "draw", "star"]);
    expect(post.p_cluster.shape).toEqual([2, 20, 200]);
    expect(Math.max(...Array.from(post.p_cluster.data, Number))).toBeLessThanOrEqual(0);
    expect(post.plx_true).toBeUndefined();
    expect(Object.keys(idata.sample_stats?.variables ?? {})).toContain("diverging");
    expect(idata.observed_data?.variables.plx_obs.shape).toEqual([200]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("Distance to M67");
  }, 120_000);

  it("property: the same seed gives byte-identical draws.csv with 1 or 2 workers; another seed differs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), async (seed) => {
        const run = async (workers: number, s: number) => {
          const out = outDir();
          const args = ["m67", "--out", out, "--max-stars", "40", ...tiny, "--seed", String(s)];
          expect(await runCli([...args, "--workers", String(workers)])).toBe(0);
          return readFileSync(join(out, "draws.csv"), "utf8");
        };
        const one = await run(1, seed);
        const two = await run(2, seed);
        expect(two).toBe(one);
        expect(await run(2, seed + 1)).not.toBe(one);
      }),
      { numRuns: 2, seed: 7 },
    );
  }, 120_000);

  it("property: invalid inputs fail naming the flag, field or column and leave the output folder untouched", async () => {
    const noColumn = join(dir, "no-parallax-error.fits");
    writeFitsTable(
      noColumn,
      Object.fromEntries(M67_COLUMNS.filter((c) => c !== "parallax_error").map((c) => [c, [1, 2]])),
    );
    const cfgDir = mkdtempSync(join(dir, "cfg-"));
    const cases = fc.oneof(
      fc.record({
        flag: fc.constantFrom("--chains", "--draws", "--workers"),
        v: fc.integer({ max: 0 }),
      }),
      fc.record({
        flag: fc.constantFrom("--warmup", "--seed", "--max-stars"),
        v: fc.integer({ max: -1 }),
      }),
      fc.record({
        flag: fc.constantFrom("--chains", "--seed"),
        v: fc.constantFrom("two", "1.5", "", "NaN"),
      }),
      fc.record({
        flag: fc.constant("--data"),
        v: fc.constantFrom("/nonexistent/m67.fits", join(dir, "nope.json")),
      }),
      fc.record({
        flag: fc.constant("--config"),
        v: fc
          .jsonValue()
          .filter(
            (j) =>
              typeof j === "object" && j !== null && !Array.isArray(j) && Object.keys(j).length > 0,
          ),
      }),
      fc.record({ flag: fc.constant("--fits"), v: fc.constant(noColumn) }),
    );
    await fc.assert(
      fc.asyncProperty(cases, fc.constantFrom("m67", "single"), async ({ flag, v }, command) => {
        const out = outDir();
        let args: string[];
        let expected: string | RegExp;
        if (flag === "--config") {
          const file = join(cfgDir, `c${runs}.json`);
          const obj = { ...(v as object), unknownKey: 1 };
          writeFileSync(file, JSON.stringify(obj));
          args = ["--config", file];
          expected = /\(in .*c\d+\.json\)/;
        } else if (flag === "--fits") {
          args = ["--data", String(v)];
          expected = "parallax_error";
        } else {
          args = [flag, String(v)];
          expected = flag === "--data" ? String(v) : flag;
        }
        let errors = "";
        const stderr = {
          write: (t: string) => {
            errors += t;
            return true;
          },
        };
        const code = await runCli([command, "--out", out, ...args], { stderr });
        expect(code).toBe(2);
        expect(errors).toMatch(expected);
        expect(existsSync(out)).toBe(false);
      }),
      { numRuns: 40, seed: 11 },
    );
  }, 120_000);
});

describe("outliers and single (tiny chains)", () => {
  it("outliers writes simple/ and mixture/ with the outlier probabilities", async () => {
    const out = outDir();
    expect(await runCli(["outliers", "--out", out, "--warmup", "100", "--draws", "50"])).toBe(0);
    const simple = expectStandardOutputs(join(out, "simple"));
    expect(Object.keys(simple)).toEqual(["theta", "b_perp", "m", "b"]);
    const mixture = expectStandardOutputs(join(out, "mixture"));
    expect(Object.keys(mixture)).toContain("p_outlier[14]");
    expect(Object.keys(mixture)).toContain("Q");
    expect(existsSync(join(out, "mixture", "plots", "outliers.png"))).toBe(true);
    expect(existsSync(join(out, "index.html"))).toBe(true);
  }, 30_000);

  it("single compares NUTS, quadrature and the inverse parallax", async () => {
    const out = outDir();
    expect(await runCli(["single", "--out", out, ...tiny])).toBe(0);
    const summary = expectStandardOutputs(out);
    expect(Object.keys(summary)).toEqual(["normed", "r"]);
    const cmp = JSON.parse(readFileSync(join(out, "comparison.json"), "utf8"));
    expect(cmp.star.snrRank).toBe(0);
    expect(cmp.quadrature.median).toBeGreaterThan(0);
    expect(cmp.inverseParallax).toBeCloseTo(1000 / (cmp.star.parallax - cmp.star.zeroPoint), 9);
    for (const p of ["prior_r", "prior_plx", "posterior_r", "trace", "pair"])
      expect(existsSync(join(out, "plots", `${p}.png`))).toBe(true);
  }, 30_000);
});
