/**
 * `npm run validate -w @sidereal/hi-physics`: end-to-end checks too long for the unit suite.
 *
 * 1. Seed 000: the simulated spectra (one noise draw, seed 1234), the cell-[16] fit model and
 *    the cell-[25] ADVI settings (learning rate 0.001, tolerances 0.005, velocity_norm started
 *    at linspace(0.1, 0.9, 3)); at most HI_VALIDATE_ADVI_N iterations (default 1 000 000, the
 *    seed's). Pass: the three cloud velocities, matched to the truths (−5, 5, 10 km/s) by
 *    nearest mean, each within 0.5 km/s (the seed's ADVI gives 10.032, −4.999, 5.002).
 * 2. Optimize on a one-cloud toy: ADVI search over 1…3 clouds, then NUTS + solve on the best.
 *    Pass: best n = 1.
 * 3. Worker-thread NUTS chains equal sequential ones bit for bit.
 * Exits 1 when a check fails.
 */
import {
  EmissionAbsorptionModel,
  Optimize,
  SEED_ADVI,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "@sidereal/hi-physics";
import { TOY_PRIORS, toyData, toyModel } from "../test/helpers/toy.ts";

let failed = false;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (!ok) failed = true;
};

// 1. Seed ADVI
{
  const sim = simulateSeed({ noise: true, seed: 1234 });
  const model = new EmissionAbsorptionModel(
    { emission: sim.emission, absorption: sim.absorption },
    { nClouds: 3, baselineDegree: 0, bgTemp: 3.77, seed: 1234 },
  )
    .addPriors(SEED_FIT_PRIORS)
    .addLikelihood();
  const n = Number(process.env.HI_VALIDATE_ADVI_N ?? SEED_ADVI.n);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = model.fit({
    n,
    draws: SEED_ADVI.draws,
    relTolerance: SEED_ADVI.relTolerance,
    absTolerance: SEED_ADVI.absTolerance,
    learningRate: SEED_ADVI.learningRate,
    start: { velocity_norm: [...SEED_ADVI.startVelocityNorm] },
  });
  const c = process.cpuUsage(c0);
  console.log(r.message);
  console.log(
    `ADVI: ${r.iterations} iterations, converged ${r.converged}, ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU (shared machine)`,
  );
  const v = model.trace?.posterior.velocity;
  if (!v) throw new Error("no trace");
  const means = [0, 1, 2].map((k) => {
    let s = 0;
    for (let d = 0; d < v.shape[1]; d++) s += v.values[d * 3 + k];
    return s / v.shape[1];
  });
  const truths = [-5, 5, 10];
  console.log(
    `velocity means ${means.map((x) => x.toFixed(3)).join(", ")}; BIC ${model.bic().toFixed(2)} (seed NUTS: −1320.57)`,
  );
  for (const t of truths) {
    const nearest = means.reduce((a, b) => (Math.abs(b - t) < Math.abs(a - t) ? b : a));
    check(
      Math.abs(nearest - t) < 0.5,
      `ADVI recovers the cloud at ${t} km/s (nearest mean ${nearest.toFixed(3)})`,
    );
  }
}

// 2. Optimize on the toy
{
  const opt = new Optimize(EmissionAbsorptionModel, toyData(), { maxNClouds: 3, seed: 3 })
    .addPriors(TOY_PRIORS)
    .addLikelihood();
  await opt.optimize({
    fitOptions: { n: 3000, draws: 100, learningRate: 0.01 },
    sampleOptions: {
      chains: 2,
      tune: 100,
      draws: 100,
      nInit: 1000,
      initKwargs: { learningRate: 0.01 },
    },
    solveOptions: { klDivThreshold: 1, numGmmSamples: 2000 },
    onModel: (k, bic) => console.log(`Optimize: n_clouds ${k}: BIC ${bic.toFixed(2)}`),
  });
  console.log("BICs", opt.bics);
  check(
    opt.bestNClouds === 1,
    `Optimize picks 1 cloud for the one-cloud toy (got ${opt.bestNClouds})`,
  );
}

// 3. NUTS chains in worker threads (the model imported from dist/hi-model.js) give the same
//    draws as sequential chains.
{
  const opts = { chains: 2, tune: 40, draws: 40, nInit: 300, initKwargs: { learningRate: 0.01 } };
  const par = await toyModel(1, 7).sample({ ...opts, chainMethod: "parallel", numWorkers: 2 });
  const seq = await toyModel(1, 7).sample(opts);
  const same = par.posterior.velocity.values.every(
    (x, i) => x === seq.posterior.velocity.values[i],
  );
  check(same, "parallel (worker threads) and sequential NUTS chains give identical draws");
}

process.exit(failed ? 1 : 0);
