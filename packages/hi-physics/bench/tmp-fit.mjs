import { EmissionAbsorptionModel, SEED_FIT_PRIORS, simulateSeed } from "@sidereal/hi-physics";
const sim = simulateSeed({ noise: true });
const model = new EmissionAbsorptionModel({ emission: sim.emission, absorption: sim.absorption }, { nClouds: 3, seed: 1234 }).addPriors(SEED_FIT_PRIORS).addLikelihood();
let t = performance.now();
const r = model.fit({ n: 2000, draws: 100, relTolerance: 0.005, absTolerance: 0.005, learningRate: 0.001, start: { velocity_norm: [0.1, 0.5, 0.9] } });
console.log("fit 2000 its + 100 draws + loglik ms", performance.now() - t, r.iterations, r.averageLoss);
t = performance.now();
console.log("bic", model.bic(), "ms", performance.now() - t);
console.log(Array.from(model.trace.posterior.velocity.values.slice(0, 6)));
