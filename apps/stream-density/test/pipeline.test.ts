import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppLayer } from "@sidereal/runtime";
import { Effect, Exit } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { decodeConfig } from "../src/config.js";
import { BUNDLED_GAUSSIAN_1D, BUNDLED_GD1 } from "../src/data.js";
import { runPipeline } from "../src/pipeline.js";

const dir = mkdtempSync(join(tmpdir(), "stream-density-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  command: "all",
  out: join(dir, "run"),
  gaussianData: BUNDLED_GAUSSIAN_1D,
  gd1Data: BUNDLED_GD1,
  maxPoints: 5000,
  maxStars: 300,
  numWarmup: 40,
  numSamples: 20,
  numChains: 2,
  gd1Warmup: 4,
  gd1Samples: 4,
  gd1Chains: 1,
  gd1MaxIter: 15,
  maxTreeDepth: 4,
  workers: 0,
  targetAccept: 0.8,
  seed: 3,
};

describe("pipeline (5,000 points, 300 stars, tiny chains)", () => {
  it("writes every output of the three models and the overview", async () => {
    const result = await Effect.runPromise(
      decodeConfig(base).pipe(Effect.flatMap(runPipeline), Effect.provide(AppLayer)),
    );
    const out = base.out;
    for (const f of ["index.html", "summary.json", "summary.txt"])
      expect(existsSync(join(out, f)), f).toBe(true);
    const expected: Record<string, string[]> = {
      gaussian: [
        "optimization.json",
        "summary.json",
        "summary.txt",
        "index.html",
        "plots/gaussian_density.svg",
        "plots/gaussian_density.png",
      ],
      spline: [
        "optimization.json",
        "idata.nc",
        "draws.csv",
        "summary.json",
        "summary.txt",
        "index.html",
        "plots/spline_density.svg",
        "plots/spline_density.png",
        "plots/spline_knots.png",
        "plots/spline_trace.png",
      ],
      gd1: [
        "optimization.json",
        "idata.nc",
        "draws.csv",
        "membership.csv",
        "summary.json",
        "summary.txt",
        "index.html",
        "plots/gd1_density.svg",
        "plots/gd1_density.png",
        "plots/gd1_membership.png",
        "plots/gd1_knots_mean_phi2.png",
        "plots/gd1_trace.png",
      ],
    };
    for (const [m, files] of Object.entries(expected))
      for (const f of files) expect(existsSync(join(out, m, f)), `${m}/${f}`).toBe(true);
    const opt = JSON.parse(readFileSync(join(out, "spline", "optimization.json"), "utf8"));
    for (const k of ["x", "fun", "nit", "nfev", "message", "success"])
      expect(opt).toHaveProperty(k);
    expect(opt.x).toHaveLength(11);
    const gd1 = JSON.parse(readFileSync(join(out, "gd1", "optimization.json"), "utf8"));
    expect(gd1.x).toHaveLength(72);
    expect(gd1.fun).toBeLessThan(gd1.fun0);
    const gd1Summary = JSON.parse(readFileSync(join(out, "gd1", "summary.json"), "utf8"));
    expect(gd1Summary.sampling.index).toHaveLength(72);
    expect(gd1Summary.sampling).toHaveProperty("rHatMax");
    // 15 L-BFGS iterations stop far from the optimum, where the Hessian is not positive
    // definite: NUTS falls back to the unit metric and still runs
    expect(typeof gd1Summary.sampling.laplaceMetric).toBe("boolean");
    for (const m of ["spline", "gd1"])
      expect(readFileSync(join(out, m, "index.html"), "utf8")).toContain("Diagnostics");
    expect(result.runs.map((r) => r.model)).toEqual(["gaussian", "spline", "gd1"]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("seed 002");
  }, 120_000);

  it("rejects bad configurations with an error naming the field, writing nothing", async () => {
    for (const bad of [
      { numChains: 0 },
      { command: "nope" },
      { numWarmup: -1 },
      { extra: 1 },
      { seed: "x" },
    ]) {
      const out = join(dir, "bad");
      const exit = await Effect.runPromiseExit(
        decodeConfig({ ...base, ...bad, out }).pipe(
          Effect.flatMap(runPipeline),
          Effect.provide(AppLayer),
        ),
      );
      expect(Exit.isFailure(exit)).toBe(true);
      expect(String(exit)).toMatch(/ConfigError/);
      expect(String(exit)).toMatch(new RegExp(Object.keys(bad)[0]));
      expect(existsSync(out)).toBe(false);
    }
  });

  it("a missing or wrong data file is a DataError naming the file, writing nothing", async () => {
    const out = join(dir, "missing");
    for (const cfg of [
      { command: "gd1", gd1Data: "/nope/gd1.fits" },
      { command: "gd1", gd1Data: BUNDLED_GAUSSIAN_1D },
      { command: "spline", gaussianData: "/nope/z.f64" },
    ]) {
      const exit = await Effect.runPromiseExit(
        decodeConfig({ ...base, ...cfg, out }).pipe(
          Effect.flatMap(runPipeline),
          Effect.provide(AppLayer),
        ),
      );
      expect(String(exit)).toMatch(/DataError/);
      expect(String(exit)).toContain(Object.values(cfg)[1]);
      expect(existsSync(out)).toBe(false);
    }
  });
});
