/**
 * Runs R's loo (test/loo/fixtures/loo_reference.R) on the cases: the live reference of the
 * loo tests and the generator of the committed fixture. Available when `Rscript` with the loo
 * package is installed (Debian's r-cran-loo; `.ci/run` installs it).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LooCase } from "./cases.js";

/** R's numbers for one case ("Inf" where R has Inf). */
export interface RCase {
  readonly r_eff: number[];
  readonly elpd_loo: number;
  readonly se_elpd_loo: number;
  readonly p_loo: number;
  readonly se_p_loo: number;
  readonly looic: number;
  readonly pointwise_elpd_loo: number[];
  readonly pointwise_p_loo: number[];
  readonly pareto_k: (number | "Inf")[];
  readonly elpd_waic: number;
  readonly se_elpd_waic: number;
  readonly p_waic: number;
  readonly waic: number;
  readonly pointwise_p_waic: number[];
}

export interface RCompare {
  readonly models: string[];
  readonly order: string[];
  readonly elpd_diff: number[];
  readonly se_diff: number[];
  readonly stacking: number[];
  readonly pseudobma: number[];
}

export interface RReference {
  readonly loo_version: string;
  readonly cases: Record<string, RCase>;
  readonly compare: Record<string, RCompare>;
}

const SCRIPT = fileURLToPath(new URL("fixtures/loo_reference.R", import.meta.url));

/** True when `Rscript` runs and has the loo package. */
export function rLooAvailable(): boolean {
  const probe = spawnSync("Rscript", ["-e", "library(loo)"], { encoding: "utf8" });
  return probe.status === 0;
}

/** R's loo/waic/compare of the cases (see loo_reference.R). */
export function runRLoo(
  cases: readonly LooCase[],
  groups: readonly (readonly string[])[],
): RReference {
  const dir = mkdtempSync(join(tmpdir(), "sidereal-loo-"));
  try {
    for (const c of cases) {
      const values = Array.from(c.data, (v) => v.toPrecision(17)).join("\n");
      writeFileSync(join(dir, `${c.name}.txt`), `${c.shape.join(" ")} ${c.rEff}\n${values}\n`);
    }
    writeFileSync(join(dir, "compare.txt"), `${groups.map((g) => g.join(" ")).join("\n")}\n`);
    const r = spawnSync("Rscript", [SCRIPT, dir], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as RReference;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
