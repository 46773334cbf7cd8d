/**
 * The seed's full forward model (3500-point grid, 100 layers) against the numbers it gave
 * before the speed work (fixture from commit 266d322, scripts/forward-fixture.ts): observed
 * spectrum and the gradient of a fixed weighted sum in all six parameters, eager and compiled.
 * Tolerance 1e-10 relative (spectrum: to its largest value; gradient: per component, to its
 * own size): the kernel changes are meant to give the same numbers, and 1e-10 leaves room
 * only for a change of summation order, not for a change of algorithm or approximation.
 */
import { readFileSync } from "node:fs";
import { compile, mul, scalar, sum, type Tensor, tensor, valueAndGrad } from "@sidereal/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { type EmissionModel, seedEmissionModel } from "../src/index.js";
import { fixtureWeights } from "./seed-forward-points.js";

interface RefPoint {
  readonly params: number[];
  readonly spectrum: number[];
  readonly loss: number;
  readonly gradient: number[];
}
const ref: { points: RefPoint[] } = JSON.parse(
  readFileSync(new URL("./fixtures/seed-forward-ref.json", import.meta.url), "utf8"),
);
const TOL = 1e-10;

function relSpectrumError(got: ArrayLike<number>, want: readonly number[]): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]));
    err = Math.max(err, Math.abs(got[i] - want[i]));
  }
  return err / scale;
}

describe("seed forward model against the pre-speed-up fixture", () => {
  let model: EmissionModel;
  let loss: (...p: Tensor[]) => Tensor;
  beforeAll(() => {
    model = seedEmissionModel({ cacheDir: false });
    const w = tensor(fixtureWeights(model.setup.nuObs.length));
    loss = (...p: Tensor[]) => {
      const [T0, alpha, mmr, g, RV, vsini] = p;
      return sum(mul(model.forward({ T0, alpha, mmr, g, RV, vsini }), w));
    };
  });

  it("has the fixture's spectrum and gradient (eager)", () => {
    const vg = valueAndGrad(loss);
    for (const p of ref.points) {
      const [T0, alpha, mmr, g, RV, vsini] = p.params;
      const mu = model.forward({ T0, alpha, mmr, g, RV, vsini }).toArray() as ArrayLike<number>;
      expect(relSpectrumError(mu, p.spectrum), `T0=${T0}`).toBeLessThan(TOL);
      const [v, grads] = vg(...p.params.map((x) => scalar(x)));
      expect(Math.abs(v.item() - p.loss) / Math.abs(p.loss)).toBeLessThan(TOL);
      grads.forEach((gr, k) => {
        const want = p.gradient[k];
        expect(Math.abs(gr.item() - want) / Math.abs(want), `T0=${T0} ∂${k}`).toBeLessThan(TOL);
      });
    }
  }, 120_000);

  it("has the fixture's loss and gradient compiled (the SVI path), twice in a row", () => {
    const f = compile(
      loss,
      ref.points[0].params.map((x) => scalar(x)),
    );
    const g = new Float64Array(6);
    // each point twice: the second call reuses the kernels' caches (spectra, transmissions)
    for (const p of [...ref.points, ...ref.points]) {
      const v = f.flat(Float64Array.from(p.params), g);
      expect(Math.abs(v - p.loss) / Math.abs(p.loss)).toBeLessThan(TOL);
      for (let k = 0; k < 6; k++)
        expect(Math.abs(g[k] - p.gradient[k]) / Math.abs(p.gradient[k]), `∂${k}`).toBeLessThan(TOL);
    }
  }, 120_000);
});
