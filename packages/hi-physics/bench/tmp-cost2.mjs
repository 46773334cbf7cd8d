import { initializeModel, initToMedian } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { EmissionAbsorptionModel, EmissionModel, AbsorptionModel, SEED_FIT_PRIORS, simulateSeed, hiModel } from "@sidereal/hi-physics";
const sim = simulateSeed({ noise: true });
function cost(label, model, likelihood=true) {
  const data = { ...model.modelData(true), likelihood };
  const init = initializeModel(hiModel, data, { key: key(0), initStrategy: initToMedian() });
  const g = new Float64Array(init.flatSize); const q = init.initialPosition;
  for (let i = 0; i < 300; i++) init.potential(q, g);
  const u0 = process.cpuUsage(); const t = performance.now(); const N = 3000;
  for (let i = 0; i < N; i++) { q[0] += 1e-9; init.potential(q, g); }
  const u = process.cpuUsage(u0); console.log(label, ((performance.now() - t) / N * 1000).toFixed(1), "µs wall", ((u.user+u.system)/N).toFixed(1), "µs cpu");
}
const ea = new EmissionAbsorptionModel({ emission: sim.emission, absorption: sim.absorption }, { nClouds: 3 }).addPriors(SEED_FIT_PRIORS).addLikelihood();
cost("EA priors only", ea, false);
cost("EA full", ea);
const { priorSigmaLog10NHI, ...p } = SEED_FIT_PRIORS;
cost("emission only", new EmissionModel({ emission: sim.emission }, { nClouds: 3 }).addPriors(p).addLikelihood());
cost("absorption only", new AbsorptionModel({ absorption: sim.absorption }, { nClouds: 3 }).addPriors({priorVelocity:[-20,20]}).addLikelihood());
