/**
 * Writes `test/fixtures/seed-forward-ref.json`: the seed model's (3500-point grid, 100 layers)
 * observed spectrum and the gradient of a fixed weighted sum of it in all six parameters, at
 * three parameter points (one with layers clipped at the lower limit, one at the upper, one
 * inside). `test/seed-forward.test.ts` holds every later kernel change to these numbers
 * (relative 1e-10). Regenerate only on purpose (a change of the model), with the commit named
 * in the fixture: `node packages/exo-rt/scripts/forward-fixture.ts <commit>` after a build.
 */
import { writeFileSync } from "node:fs";
import { gravityJupiter, seedEmissionModel } from "@sidereal/exo-rt";
import { mul, scalar, sum, type Tensor, tensor, valueAndGrad } from "@sidereal/tensor";
import { FIXTURE_POINTS, fixtureWeights } from "../test/seed-forward-points.ts";

const model = seedEmissionModel({ cacheDir: false });
const w = fixtureWeights(model.setup.nuObs.length);
const loss = (...p: Tensor[]) => {
  const [T0, alpha, mmr, g, RV, vsini] = p;
  return sum(mul(model.forward({ T0, alpha, mmr, g, RV, vsini }), tensor(w)));
};
const vg = valueAndGrad(loss);
const points = FIXTURE_POINTS.map((p) => {
  const x = [p.T0, p.alpha, p.mmr, gravityJupiter(1, p.massJ), p.RV, p.vsini];
  const spectrum = model.forward({
    T0: x[0],
    alpha: x[1],
    mmr: x[2],
    g: x[3],
    RV: x[4],
    vsini: x[5],
  });
  const [v, grads] = vg(...x.map((u) => scalar(u)));
  return {
    params: x,
    spectrum: Array.from(spectrum.toArray() as ArrayLike<number>),
    loss: v.item(),
    gradient: grads.map((gr) => gr.item()),
  };
});
const out = new URL("../test/fixtures/seed-forward-ref.json", import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ generatedAt: process.argv[2] ?? "unknown commit", points }, null, 0)}\n`,
);
process.stdout.write(`wrote ${out.pathname}\n`);
