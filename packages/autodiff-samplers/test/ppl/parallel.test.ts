import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mcmc as mcmcSrc } from "../../src/ppl/index.js";

// Parallel chains run in worker threads, which need JavaScript: the worker entry and the model
// fixture are loaded from the built package (dist/). Both the sequential and the parallel run
// below use the built code, so the comparison does not depend on dist being in sync with src.
const distEntry = fileURLToPath(new URL("../../dist/ppl/index.js", import.meta.url));
const workerEntry = fileURLToPath(new URL("../../dist/ppl/mcmcWorker.js", import.meta.url));
const fixture = new URL("./fixtures/parallelModel.mjs", import.meta.url);

const data = { x: [-1, -0.5, 0, 0.5, 1, 1.5], y: [-1.1, -0.2, 0.4, 0.9, 1.7, 2.4] };
const opts = { numWarmup: 300, numSamples: 200, numChains: 3, seed: 11 } as const;

function requireBuild(): void {
  if (!existsSync(distEntry) || !existsSync(workerEntry))
    throw new Error(
      `parallel.test.ts needs the built package (${workerEntry} is missing): run "npm run build -w @sidereal/autodiff-samplers" first`,
    );
}

describe("chainMethod: parallel (worker threads)", () => {
  test("bit-identical to sequential for the same seed", async () => {
    requireBuild();
    const dist = (await import(distEntry)) as typeof import("../../src/ppl/index.js");
    const { regression } = (await import(fixture.href)) as {
      regression: import("../../src/ppl/index.js").Model<typeof data>;
    };
    const seq = dist.mcmc(regression, data, opts);
    const par = await dist.mcmc(regression, data, { ...opts, chainMethod: "parallel" });
    expect(Object.keys(par.samples)).toEqual(["a", "b", "sigma", "ab"]);
    for (const name of Object.keys(seq.samples)) {
      expect(par.samples[name].shape).toEqual(seq.samples[name].shape);
      expect(par.samples[name].draws).toEqual(seq.samples[name].draws);
    }
    for (const name of Object.keys(seq.sampleStats) as (keyof typeof seq.sampleStats)[])
      expect(par.sampleStats[name].draws).toEqual(seq.sampleStats[name].draws);
    expect(par.adapted).toEqual(seq.adapted);
    // Launched from the TypeScript sources (the worker entry then comes from dist/), and with a
    // bare { module, export } reference: same draws.
    const fromSrc = await mcmcSrc({ module: fixture.href, export: "regression" }, data, {
      ...opts,
      chainMethod: "parallel",
      numWorkers: 2,
    });
    expect(fromSrc.samples.a.draws).toEqual(seq.samples.a.draws);
    expect(fromSrc.samples.ab.draws).toEqual(seq.samples.ab.draws);
    // the main thread re-imports the referenced model, so the result knows its log-likelihood
    expect(fromSrc.logLikelihood().y.dims).toEqual(["chain", "draw", "data"]);
    expect(fromSrc.logLikelihood().y.draws).toEqual(seq.logLikelihood().y.draws);
  }, 30_000);

  test("errors inside workers come back typed", async () => {
    requireBuild();
    await expect(
      mcmcSrc({ module: fixture.href, export: "nope" }, data, { ...opts, chainMethod: "parallel" }),
    ).rejects.toMatchObject({ _tag: "ModelError", problem: "model-reference" });
    await expect(
      mcmcSrc({ module: "/nonexistent/model.mjs", export: "m" }, data, {
        ...opts,
        chainMethod: "parallel",
      }),
    ).rejects.toMatchObject({ _tag: "ModelError", problem: "model-reference" });
  }, 30_000);
});
