import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readInferenceData } from "../../src/inference-data/index.js";

/** Written by xarray + netCDF-C 4.9.0 / HDF5 1.10.8 (fixtures/write_arviz_style.py). */
const ARVIZ_STYLE = fileURLToPath(new URL("./fixtures/arviz_style.nc", import.meta.url));

describe("readInferenceData on an ArviZ-style file written by netCDF-C", () => {
  it("reads groups, dims from DIMENSION_LIST, coords, bool and attrs", async () => {
    const idata = await readInferenceData(ARVIZ_STYLE);
    expect(Object.keys(idata).sort()).toEqual(["observed_data", "posterior", "sample_stats"]);

    const posterior = idata.posterior;
    expect(posterior?.variables.theta).toEqual({
      dims: ["chain", "draw", "school"],
      shape: [2, 3, 2],
      data: Float64Array.from({ length: 12 }, (_, i) => i - 0.5),
      attrs: { _FillValue: Number.NaN, units: "points" },
    });
    expect(posterior?.variables.eta.dims).toEqual(["chain", "draw", "eta_dim_0"]);
    expect(posterior?.coords).toEqual({
      chain: Int32Array.of(0, 1),
      draw: Int32Array.of(0, 1, 2),
      school: ["Choate", "Deerfield"],
      eta_dim_0: Int32Array.of(0, 1, 2, 3),
    });
    expect(posterior?.attrs).toEqual({
      created_at: "2024-05-01T12:00:00.000000",
      arviz_version: "0.17.1",
      inference_library: "pymc",
      inference_library_version: "5.10.0",
    });

    const stats = idata.sample_stats?.variables;
    expect(stats?.diverging).toEqual({
      dims: ["chain", "draw"],
      shape: [2, 3],
      data: Uint8Array.of(0, 1, 0, 0, 0, 1),
    });
    expect(stats?.tree_depth.data).toEqual(new BigInt64Array(6).fill(3n));

    // a dimension without coordinate variable ("This is a netCDF dimension but not ...")
    const observed = idata.observed_data;
    expect(observed?.variables.w).toEqual({
      dims: ["nocoord"],
      shape: [2],
      data: Int32Array.of(1, 2),
    });
    expect(observed?.coords).toEqual({ obs_id: Int32Array.of(0, 1, 2) });
  });

  it("rejects a missing file with ENOENT", async () => {
    await expect(readInferenceData("/nonexistent/dir/x.nc")).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});
