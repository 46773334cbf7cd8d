/**
 * Per-chain diagnostic of the seed run (not part of `npm run bench`): 8 chains × (1000 tune +
 * 200 draws) with the seed's settings in 2 worker threads, then per chain the divergences, mean
 * leapfrog steps, mean lp and the means of velocity, fwhm2, TB_fwhm, tkin and filling_factor per
 * cloud, and `solve`'s messages. Shows whether `solve`'s several "solutions" are distinct modes,
 * stuck chains, or one mode whose chains have not mixed.
 */
import {
  EmissionAbsorptionModel,
  SEED_ADVI,
  SEED_FIT_PRIORS,
  SEED_SOLVE,
  simulateSeed,
} from "@sidereal/hi-physics";

const sim = simulateSeed({ noise: true, seed: 1234 });
const model = new EmissionAbsorptionModel(
  { emission: sim.emission, absorption: sim.absorption },
  { nClouds: 3, baselineDegree: 0, bgTemp: 3.77, seed: 1234 },
)
  .addPriors(SEED_FIT_PRIORS)
  .addLikelihood();
const draws = 200;
const trace = await model.sample({
  chains: 8,
  tune: 1000,
  draws,
  targetAccept: 0.9,
  chainMethod: "parallel",
  numWorkers: 2,
  nInit: SEED_ADVI.n,
  initKwargs: {
    relTolerance: SEED_ADVI.relTolerance,
    absTolerance: SEED_ADVI.absTolerance,
    learningRate: SEED_ADVI.learningRate,
    start: { velocity_norm: [...SEED_ADVI.startVelocityNorm] },
  },
});
const st = trace.sampleStats;
for (let c = 0; c < 8; c++) {
  const row: string[] = [];
  for (const v of ["velocity", "fwhm2", "TB_fwhm", "tkin", "filling_factor"]) {
    const g = trace.posterior[v];
    const n = g.shape[2];
    const means = Array.from({ length: n }, (_, k) => {
      let s = 0;
      for (let d = 0; d < draws; d++) s += g.values[(c * draws + d) * n + k];
      return (s / draws).toPrecision(4);
    });
    row.push(`${v}=[${means.join(",")}]`);
  }
  const dv = Array.from(st.diverging.data)
    .slice(c * draws, (c + 1) * draws)
    .reduce((a, b) => a + Number(b), 0);
  const lf =
    Array.from(st.n_steps.data)
      .slice(c * draws, (c + 1) * draws)
      .reduce((a, b) => a + Number(b), 0) / draws;
  const lp =
    Array.from(st.lp.data)
      .slice(c * draws, (c + 1) * draws)
      .reduce((a, b) => a + Number(b), 0) / draws;
  console.log(`chain ${c}: div ${dv} steps ${lf.toFixed(0)} lp ${lp.toFixed(1)} ${row.join(" ")}`);
}
const solved = model.solve({ ...SEED_SOLVE });
console.log(solved.messages.join("\n"));
