import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Exit } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { decodeConfig } from "../src/config.js";
import { BUNDLED_M67 } from "../src/data.js";
import { runPipeline } from "../src/pipeline.js";

const dir = mkdtempSync(join(tmpdir(), "gaia-distances-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  data: BUNDLED_M67,
  out: join(dir, "run"),
  numWarmup: 60,
  numSamples: 40,
  numChains: 2,
  maxTreeDepth: 6,
  targetAccept: 0.8,
  seed: 3,
  maxStars: 200,
};

describe("pipeline (200 stars, short chains)", () => {
  it("writes InferenceData, summaries, draws, plots and the report", async () => {
    const result = await Effect.runPromise(decodeConfig(base).pipe(Effect.flatMap(runPipeline)));
    for (const f of [
      "idata.nc",
      "summary.json",
      "summary.txt",
      "draws.csv",
      "membership.csv",
      "index.html",
    ])
      expect(existsSync(join(base.out, f)), f).toBe(true);
    for (const p of ["trace", "pair", "parallax"]) {
      expect(existsSync(join(base.out, "plots", `${p}.png`))).toBe(true);
      expect(existsSync(join(base.out, "plots", `${p}.svg`))).toBe(true);
    }
    const summary = JSON.parse(readFileSync(join(base.out, "summary.json"), "utf8"));
    expect(summary.index).toEqual(["D", "L", "Q", "approx_size"]);
    expect(result.nStars).toBe(200);
    expect(readFileSync(join(base.out, "index.html"), "utf8")).toContain("Distance to M67");
  }, 120_000);
  it("rejects a bad configuration with an error naming the problem, writing nothing", async () => {
    const out = join(dir, "bad");
    const exit = await Effect.runPromiseExit(
      decodeConfig({ ...base, out, numChains: 0 }).pipe(Effect.flatMap(runPipeline)),
    );
    expect(Exit.isFailure(exit)).toBe(true);
    expect(String(exit)).toMatch(/ConfigError/);
    expect(existsSync(out)).toBe(false);
  });
  it("a missing data file is a DataError naming the file", async () => {
    const exit = await Effect.runPromiseExit(
      decodeConfig({ ...base, data: "/nope/m67.fits", out: join(dir, "missing") }).pipe(
        Effect.flatMap(runPipeline),
      ),
    );
    expect(String(exit)).toMatch(/DataError/);
    expect(String(exit)).toMatch(/\/nope\/m67\.fits/);
  });
});
