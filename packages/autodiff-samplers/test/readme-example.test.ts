// The README's example is this test's code: extracted from README.md and run by Node, as ESM
// and through require, against the built package (npm test builds first). It prints the
// ArviZ summary table of the straight-line fit.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExampleInRepo } from "../../../scripts/readme-example.mjs";

it("README example runs as ESM and through require and prints the summary", async () => {
  const run = await runReadmeExampleInRepo(fileURLToPath(new URL("..", import.meta.url)));
  for (const { code, output } of [run.esm, run.cjs]) {
    expect(code, output).toBe(0);
    expect(output).toMatch(/mean\s+sd\s+hdi_3%\s+hdi_97%/);
    expect(output).toMatch(/^\s*theta\s/m);
    expect(output).toMatch(/elpd_loo -?\d+\.\d ± \d+\.\d, p_loo \d+\.\d/);
    expect(output).toContain("log_likelihood, posterior_predictive");
  }
}, 120_000);
