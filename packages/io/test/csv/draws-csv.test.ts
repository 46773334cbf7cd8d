import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  componentColumnName,
  formatCsvNumber,
  parseColumnName,
  parseCsvNumber,
  readDrawsCsv,
  writeDrawsCsv,
} from "../../src/csv/index.js";
import { type Dataset, InferenceDataError } from "../../src/inference-data/index.js";
import { CHAINS, DRAWS, realisticIdata } from "../inference-data/fixtures/realistic-idata.js";
import { tempDir } from "../inference-data/helpers.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir("csv"));
});
afterEach(() => cleanup());

const EXPECTED_HEADER = [
  "chain__",
  "draw__",
  "lp__",
  "accept_stat__",
  "stepsize__",
  "treedepth__",
  "n_leapfrog__",
  "divergent__",
  "energy__",
  "mu",
  "theta.1",
  "theta.2",
  "theta.3",
  "L.1.1",
  "L.1.2",
  "L.2.1",
  "L.2.2",
  "count",
];

describe("writeDrawsCsv", () => {
  it("writes CmdStan-style headers: chain__, draw__, stats, then 1-based dotted components", async () => {
    const idata = realisticIdata();
    const path = join(dir, "draws.csv");
    await writeDrawsCsv(path, idata.posterior!, { sampleStats: idata.sample_stats });
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines[0].split(",")).toEqual(EXPECTED_HEADER);
    expect(lines).toHaveLength(1 + CHAINS * DRAWS);
    expect(readdirSync(dir)).toEqual(["draws.csv"]);
  });

  it("prints shortest round-trip numbers, -0, nan/inf, exact int64 and 0/1 booleans", async () => {
    const idata = realisticIdata();
    const path = join(dir, "draws.csv");
    await writeDrawsCsv(path, idata.posterior!, { sampleStats: idata.sample_stats });
    const rows = readFileSync(path, "utf8").trimEnd().split("\n").slice(1);
    const cell = (row: number, column: string) =>
      rows[row].split(",")[EXPECTED_HEADER.indexOf(column)];
    expect(cell(0, "chain__")).toBe("0");
    expect(cell(0, "mu")).toBe("-0");
    expect(cell(1, "mu")).toBe("5e-324");
    expect(cell(2, "mu")).toBe("1.7976931348623157e+308");
    expect(cell(3, "mu")).toBe("0.30000000000000004");
    expect(cell(99, "count")).toBe("990000000000");
    expect(cell(7, "divergent__")).toBe("1");
    expect(cell(6, "divergent__")).toBe("0");
    expect(cell(DRAWS, "chain__")).toBe("1");
    expect(cell(DRAWS, "draw__")).toBe("0");
    const theta = idata.posterior!.variables.theta.data as Float64Array;
    // row 1 (chain 0, draw 1): theta.2 is data[(0 * DRAWS + 1) * 3 + 1]
    expect(cell(1, "theta.2")).toBe(String(theta[4]));
    const L = idata.posterior!.variables.L.data as Float64Array;
    expect(cell(2, "L.2.1")).toBe(String(L[2 * 4 + 2])); // row-major: [1][0] is offset 2
  });

  it("round-trips through readDrawsCsv (values bit-exact, stats types restored)", async () => {
    const idata = realisticIdata();
    const path = join(dir, "draws.csv");
    await writeDrawsCsv(path, idata.posterior!, { sampleStats: idata.sample_stats });
    const back = await readDrawsCsv(path);
    const posterior = idata.posterior!;
    expect(Object.keys(back.posterior.variables)).toEqual(Object.keys(posterior.variables));
    for (const [name, v] of Object.entries(posterior.variables)) {
      const got = back.posterior.variables[name];
      expect(got.shape, name).toEqual(v.shape);
      expect(got.dims.slice(0, 2)).toEqual(["chain", "draw"]);
      const expected = Float64Array.from(v.data as ArrayLike<number | bigint>, Number);
      expect(got.data, name).toEqual(expected);
    }
    expect(Object.is((back.posterior.variables.mu.data as Float64Array)[0], -0)).toBe(true);
    expect(back.posterior.variables.L.dims).toEqual(["chain", "draw", "L_dim_0", "L_dim_1"]);
    expect(back.posterior.coords?.chain).toEqual(Int32Array.of(0, 1, 2, 3));
    const stats = idata.sample_stats!.variables;
    const gotStats = back.sampleStats?.variables ?? {};
    expect(Object.keys(gotStats).sort()).toEqual(Object.keys(stats).sort());
    for (const [name, v] of Object.entries(stats)) {
      expect(gotStats[name], name).toEqual(v);
    }
  });

  it("writes numeric chain/draw coordinates when given", async () => {
    const path = join(dir, "coords.csv");
    const posterior: Dataset = {
      variables: {
        a: { dims: ["chain", "draw"], shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) },
      },
      coords: { chain: Int32Array.of(1, 2), draw: Int32Array.of(100, 101) },
    };
    await writeDrawsCsv(path, posterior);
    expect(readFileSync(path, "utf8")).toBe(
      "chain__,draw__,a\n1,100,1\n1,101,2\n2,100,3\n2,101,4\n",
    );
    const back = await readDrawsCsv(path);
    expect(back.posterior.coords).toEqual({
      chain: Int32Array.of(1, 2),
      draw: Int32Array.of(100, 101),
    });
    expect(back.sampleStats).toBeUndefined();
  });

  it("rejects variables without leading chain/draw dims, naming group and variable", async () => {
    const idata = realisticIdata();
    const path = join(dir, "bad.csv");
    const error = await writeDrawsCsv(path, idata.observed_data!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceDataError);
    expect(error).toMatchObject({ group: "posterior", variable: "y" });
    expect(existsSync(path)).toBe(false);
    const stats = {
      variables: { lp: { dims: ["chain", "draw"], shape: [1, 1], data: Float64Array.of(0) } },
    };
    await expect(
      writeDrawsCsv(path, idata.posterior!, { sampleStats: stats }),
    ).rejects.toMatchObject({ group: "sample_stats", variable: "lp" });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("rejects names that break the CSV header", async () => {
    const posterior: Dataset = {
      variables: { "a.b": { dims: ["chain", "draw"], shape: [1, 1], data: Float64Array.of(0) } },
    };
    await expect(writeDrawsCsv(join(dir, "x.csv"), posterior)).rejects.toMatchObject({
      _tag: "InferenceDataError",
      variable: "a.b",
    });
  });

  it("writes atomically: a missing directory fails with ENOENT and leaves nothing", async () => {
    const idata = realisticIdata();
    await expect(
      writeDrawsCsv(join(dir, "nope", "draws.csv"), idata.posterior!),
    ).rejects.toMatchObject({ code: "ENOENT" });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("CSV helpers", () => {
  it("names and parses components", () => {
    expect(componentColumnName("z", [])).toBe("z");
    expect(componentColumnName("z", [0, 2])).toBe("z.1.3");
    expect(parseColumnName("z.1.3")).toEqual({ base: "z", index: [0, 2] });
    expect(parseColumnName("z.0")).toBeUndefined();
  });

  it("formats and parses numbers losslessly", () => {
    for (const x of [0, -0, 1 / 3, 5e-324, -1.5e300, Number.NaN, Infinity, -Infinity, 2 ** 53]) {
      expect(Object.is(parseCsvNumber(formatCsvNumber(x)), x)).toBe(true);
    }
    expect(formatCsvNumber(-(2n ** 63n))).toBe("-9223372036854775808");
    expect(parseCsvNumber("abc")).toBeUndefined();
  });

  it("reads CmdStan output (comments, no chain__ column) as one chain", async () => {
    const path = join(dir, "cmdstan.csv");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      path,
      "# model = eight\nlp__,accept_stat__,divergent__,z.1,z.2\n# Adaptation terminated\n-1,0.9,0,1.5,2.5\n-2,0.8,1,3.5,4.5\n",
    );
    const back = await readDrawsCsv(path);
    expect(back.posterior.variables.z).toEqual({
      dims: ["chain", "draw", "z_dim_0"],
      shape: [1, 2, 2],
      data: Float64Array.of(1.5, 2.5, 3.5, 4.5),
    });
    expect(back.sampleStats?.variables.acceptance_rate.data).toEqual(Float64Array.of(0.9, 0.8));
    expect(back.sampleStats?.variables.diverging.data).toEqual(Uint8Array.of(0, 1));
  });
});
