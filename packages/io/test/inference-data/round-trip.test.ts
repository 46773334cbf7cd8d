import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  INFERENCE_DATA_GROUPS,
  type InferenceData,
  readInferenceData,
  writeInferenceData,
} from "../../src/inference-data/index.js";
import { CHAINS, DRAWS, realisticIdata } from "./fixtures/realistic-idata.js";
import { tempDir, tempFiles } from "./helpers.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir("idata"));
});
afterEach(() => cleanup());

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe("writeInferenceData → readInferenceData", () => {
  it("round-trips bayes_spec's solution_<k> groups (the chains of each unique solution)", async () => {
    const idata = realisticIdata();
    const solution = idata.posterior;
    if (solution === undefined) throw new Error("fixture has no posterior");
    const withSolutions: InferenceData = { ...idata, solution_1: solution, solution_12: solution };
    const path = join(dir, "solutions.nc");
    await writeInferenceData(path, withSolutions, { inferenceLibraryVersion: "0.1.0" });
    const back = await readInferenceData(path);
    expect(back.solution_1?.variables.mu?.data).toEqual(solution.variables.mu?.data);
    expect(back.solution_12?.variables.mu?.shape).toEqual(solution.variables.mu?.shape);
  });

  it("round-trips groups, variables, dims, shapes, data and attrs exactly", async () => {
    const idata = realisticIdata();
    const path = join(dir, "fit.nc");
    await writeInferenceData(path, idata, { inferenceLibraryVersion: "0.1.0" });
    expect(tempFiles(dir)).toEqual([]);
    const back = await readInferenceData(path);

    expect(Object.keys(back)).toEqual(INFERENCE_DATA_GROUPS.filter((g) => idata[g] !== undefined));
    for (const group of INFERENCE_DATA_GROUPS) {
      const original = idata[group];
      if (original === undefined) continue;
      const read = back[group];
      expect(read, group).toBeDefined();
      expect(Object.keys(read?.variables ?? {})).toEqual(Object.keys(original.variables));
      for (const [name, variable] of Object.entries(original.variables)) {
        const got = read?.variables[name];
        expect(got?.dims, `${group}/${name} dims`).toEqual(variable.dims);
        expect(got?.shape, `${group}/${name} shape`).toEqual(variable.shape);
        expect(got?.data.constructor, `${group}/${name} type`).toBe(variable.data.constructor);
        expect(got?.data, `${group}/${name} data`).toEqual(variable.data);
        expect(got?.attrs, `${group}/${name} attrs`).toEqual(variable.attrs);
      }
      expect(read?.attrs?.created_at).toMatch(ISO_UTC);
      expect(read?.attrs).toEqual({
        created_at: read?.attrs?.created_at,
        inference_library: "sidereal",
        inference_library_version: "0.1.0",
        ...original.attrs,
      });
      expect(read?.attrs).not.toHaveProperty("arviz_version");
    }
  });

  it("keeps bit patterns: -0, subnormals, NaN, ±Infinity and int64 beyond 2^53", async () => {
    const idata = realisticIdata();
    const path = join(dir, "bits.nc");
    await writeInferenceData(path, idata);
    const back = await readInferenceData(path);
    const mu = back.posterior?.variables.mu.data as Float64Array;
    expect(Object.is(mu[0], -0)).toBe(true);
    expect(mu[1]).toBe(5e-324);
    expect(mu[3]).toBe(0.30000000000000004);
    const y = back.observed_data?.variables.y.data as Float64Array;
    expect(Number.isNaN(y[1])).toBe(true);
    expect(y[2]).toBe(Number.POSITIVE_INFINITY);
    const count = back.posterior?.variables.count.data as BigInt64Array;
    expect(count[99]).toBe(990_000_000_000n);
  });

  it("writes coordinates: given values, else int64 0..n-1 read back as Int32Array", async () => {
    const path = join(dir, "coords.nc");
    await writeInferenceData(path, realisticIdata());
    const back = await readInferenceData(path);
    const coords = back.posterior?.coords ?? {};
    expect(Object.keys(coords)).toEqual(["chain", "draw", "cloud", "L_dim_0", "L_dim_1"]);
    expect(coords.chain).toEqual(Int32Array.from({ length: CHAINS }, (_, i) => i));
    expect(coords.draw).toEqual(Int32Array.from({ length: DRAWS }, (_, i) => i));
    expect(coords.cloud).toEqual(["Orion A", "Taurus", "Ophiuchus ρ"]);
    expect(coords.L_dim_1).toEqual(Int32Array.of(0, 1));
    expect(back.observed_data?.coords).toEqual({ obs: Float64Array.of(0.5, 1.5, 2.5, 3.5, 4.5) });
  });

  it("is idempotent: writing what was read gives the same file content back", async () => {
    const first = join(dir, "first.nc");
    const second = join(dir, "second.nc");
    await writeInferenceData(first, realisticIdata());
    const once = await readInferenceData(first);
    await writeInferenceData(second, once);
    const twice = await readInferenceData(second);
    expect(twice).toEqual(once); // created_at is carried over as a group attribute
  });

  it("writes an empty file for an empty InferenceData and reads it back empty", async () => {
    const path = join(dir, "empty.nc");
    await writeInferenceData(path, {});
    expect(await readInferenceData(path)).toEqual({});
  });

  it("uses the inferenceLibrary option and omits inference_library_version when not given", async () => {
    const path = join(dir, "lib.nc");
    const idata: InferenceData = {
      posterior: {
        variables: { a: { dims: ["chain", "draw"], shape: [1, 2], data: Float64Array.of(1, 2) } },
      },
    };
    await writeInferenceData(path, idata, { inferenceLibrary: "sidereal-nuts" });
    const attrs = (await readInferenceData(path)).posterior?.attrs;
    expect(attrs?.inference_library).toBe("sidereal-nuts");
    expect(attrs).not.toHaveProperty("inference_library_version");
  });

  it("overwrites an existing file", async () => {
    const path = join(dir, "over.nc");
    await writeInferenceData(path, realisticIdata());
    const small: InferenceData = {
      prior: { variables: { s: { dims: [], shape: [], data: Float64Array.of(3) } } },
    };
    await writeInferenceData(path, small);
    const back = await readInferenceData(path);
    expect(Object.keys(back)).toEqual(["prior"]);
    expect(back.prior?.variables.s).toEqual({ dims: [], shape: [], data: Float64Array.of(3) });
  });
});
