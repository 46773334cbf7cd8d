// The README's example is this test's code: extracted from README.md and run by Node, as ESM
// and through require, against the built package (npm test builds first), with the bundled
// m67.fits.gz in its working folder. The file it writes must read back.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExampleInRepo } from "../../../scripts/readme-example.mjs";
import { readInferenceData } from "../src/index.js";

it("README example runs as ESM and through require and writes a readable idata.nc", async () => {
  const run = await runReadmeExampleInRepo(fileURLToPath(new URL("..", import.meta.url)));
  expect(run.esm.code, run.esm.output).toBe(0);
  expect(run.cjs.code, run.cjs.output).toBe(0);
  const idata = await readInferenceData(join(run.dir, "idata.nc"));
  expect(idata.posterior?.variables.mu?.dims).toEqual(["chain", "draw"]);
  const mu = idata.posterior?.variables.mu?.data;
  expect(mu instanceof Float64Array ? Array.from(mu) : mu).toEqual([1, 2, 3, 4, 5, 6]);
}, 60_000);
