/**
 * writeRunOutputs on SVI-style guide draws (one chain, no sampler statistics) and with the
 * caller's extra groups: the files, the groups of idata.nc, the CmdStan-style draws.csv.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@effect/vitest";
import { readInferenceData } from "@sidereal/io";
import { guideDraws, writeRunOutputs } from "@sidereal/runtime";
import { Effect } from "effect";
import { tempDir } from "./helpers.js";

/** A tensor-like site of `n` draws: `mu` = 1 + small deterministic wiggle, `tau[2]`. */
const n = 50;
const mu = Float64Array.from({ length: n }, (_, i) => 1 + 0.1 * Math.sin(i));
const tau = Float64Array.from({ length: 2 * n }, (_, i) => 2 + 0.05 * Math.cos(i));
const site = (data: Float64Array, shape: number[]) => ({ shape, toArray: () => data });

describe("writeRunOutputs", () => {
  it.effect("writes guide draws: posterior and extra groups, no sample_stats, summary, plots", () =>
    Effect.gen(function* () {
      const dir = tempDir();
      const draws = guideDraws({ mu: site(mu, [n]), tau: site(tau, [n, 2]) });
      const prior = {
        variables: {
          mu: { dims: ["chain", "draw"], shape: [1, 3], data: Float64Array.of(0.1, 0.2, 0.3) },
        },
      };
      const table = yield* writeRunOutputs({
        dir,
        result: draws,
        title: "guide draws",
        groups: { prior },
      });
      expect(table.mu.mean).toBeCloseTo(mu.reduce((a, b) => a + b, 0) / n, 12);
      for (const f of ["idata.nc", "summary.json", "summary.txt", "draws.csv", "index.html"])
        expect(existsSync(join(dir, f)), f).toBe(true);
      expect(existsSync(join(dir, "plots", "pair.png"))).toBe(true);
      const idata = yield* Effect.promise(() => readInferenceData(join(dir, "idata.nc")));
      expect(Object.keys(idata.posterior?.variables ?? {})).toEqual(["mu", "tau"]);
      expect(idata.posterior?.variables.tau.dims).toEqual(["chain", "draw", "tau_dim_0"]);
      expect(idata.sample_stats).toBeUndefined();
      expect(Array.from(idata.prior?.variables.mu.data ?? [], Number)).toEqual([0.1, 0.2, 0.3]);
      const header = readFileSync(join(dir, "draws.csv"), "utf8").split("\n")[0];
      expect(header).toBe("chain__,draw__,mu,tau.1,tau.2");
      expect(readFileSync(join(dir, "summary.txt"), "utf8")).not.toContain("divergences");
    }),
  );
});
