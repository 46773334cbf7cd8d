import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type InferenceData,
  InferenceDataError,
  isInferenceDataError,
  validateInferenceData,
  writeInferenceData,
} from "../../src/inference-data/index.js";
import { realisticIdata } from "./fixtures/realistic-idata.js";
import { tempDir } from "./helpers.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir("idata-validate"));
});
afterEach(() => cleanup());

/** Asserts that writing `idata` fails validation with the given location, writing nothing. */
async function expectRejected(
  idata: InferenceData,
  group: string | undefined,
  variable: string | undefined,
  reason: RegExp,
): Promise<void> {
  const path = join(dir, "bad.nc");
  const error = await writeInferenceData(path, idata).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InferenceDataError);
  expect(isInferenceDataError(error)).toBe(true);
  const e = error as InferenceDataError;
  expect(e._tag).toBe("InferenceDataError");
  expect(e.group).toBe(group);
  expect(e.variable).toBe(variable);
  expect(e.reason).toMatch(reason);
  if (group !== undefined) expect(e.message).toContain(`group "${group}"`);
  if (variable !== undefined) expect(e.message).toContain(`variable "${variable}"`);
  expect(readdirSync(dir)).toEqual([]); // nothing written, not even a temp file
}

describe("InferenceData validation", () => {
  it("accepts the realistic fixture", () => {
    expect(validateInferenceData(realisticIdata()).map((g) => g.name)).toEqual([
      "posterior",
      "sample_stats",
      "observed_data",
    ]);
  });

  it("rejects data whose length is not the product of the shape", async () => {
    const idata = realisticIdata();
    idata.posterior!.variables.theta.data = new Float64Array(7);
    await expectRejected(idata, "posterior", "theta", /7 values but shape \[4, 25, 3\] needs 300/);
  });

  it("rejects dims and shape of different lengths", async () => {
    const idata = realisticIdata();
    idata.sample_stats!.variables.lp.dims = ["chain"];
    await expectRejected(idata, "sample_stats", "lp", /dims has 1 entries but shape has 2/);
  });

  it("rejects a dimension with different lengths within a group", async () => {
    const idata = realisticIdata();
    idata.posterior!.variables.extra = {
      dims: ["chain", "draw", "cloud"],
      shape: [4, 25, 2],
      data: new Float64Array(200),
    };
    await expectRejected(
      idata,
      "posterior",
      "extra",
      /dimension "cloud" has length 2 here but 3 in variable "theta"/,
    );
  });

  it("rejects coordinates whose length differs from their dimension", async () => {
    const idata = realisticIdata();
    idata.posterior!.coords = { cloud: ["a", "b"] };
    await expectRejected(idata, "posterior", "cloud", /coordinate has 2 values/);
  });

  it("rejects booleans other than 0/1, bad shapes and bad data arrays", async () => {
    const a = realisticIdata();
    a.sample_stats!.variables.diverging.data[3] = 2;
    await expectRejected(a, "sample_stats", "diverging", /must be 0 or 1/);
    const b = realisticIdata();
    b.observed_data!.variables.y.shape = [-5];
    await expectRejected(b, "observed_data", "y", /not an integer >= 0/);
    const c = realisticIdata();
    (c.observed_data!.variables.y as { data: unknown }).data = [1, 2, 3, 4, 5];
    await expectRejected(c, "observed_data", "y", /must be a Float64Array/);
  });

  it("rejects unknown groups, bad names, reserved attributes and name clashes", async () => {
    await expectRejected(
      { predictions: { variables: {} } } as unknown as InferenceData,
      "predictions",
      undefined,
      /not an InferenceData group/,
    );
    // bayes_spec's solution groups are solution_<k>, k a non-negative integer, nothing else
    for (const name of ["solution_", "solution_01", "solution_x", "solution_1b"])
      await expectRejected(
        { [name]: { variables: {} } } as unknown as InferenceData,
        name,
        undefined,
        /not an InferenceData group/,
      );
    const a = realisticIdata();
    a.posterior!.variables["a/b"] = a.posterior!.variables.mu;
    await expectRejected(a, "posterior", "a/b", /invalid variable name/);
    const b = realisticIdata();
    b.posterior!.variables.mu.attrs = { DIMENSION_LIST: "x" };
    await expectRejected(b, "posterior", "mu", /attribute "DIMENSION_LIST": reserved/);
    const c = realisticIdata();
    c.posterior!.attrs = { bad: true as unknown as string };
    await expectRejected(c, "posterior", undefined, /attribute "bad": value must be/);
    const d = realisticIdata();
    d.posterior!.variables.cloud = { dims: [], shape: [], data: Float64Array.of(1) };
    await expectRejected(d, "posterior", "cloud", /cannot be named like dimension "cloud"/);
    const e = realisticIdata();
    e.sample_stats!.variables.tree_depth.attrs = { _FillValue: 0.5 };
    await expectRejected(e, "sample_stats", "tree_depth", /_FillValue of an integer/);
  });

  it("does not create the target when validation fails", async () => {
    const idata = realisticIdata();
    idata.posterior!.variables.mu.shape = [4, 26];
    await expect(writeInferenceData(join(dir, "x.nc"), idata)).rejects.toThrow(
      /InferenceData group "posterior", variable "mu": data has 100 values/,
    );
    expect(existsSync(join(dir, "x.nc"))).toBe(false);
  });
});
