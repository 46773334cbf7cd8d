/**
 * Why SVI converges slowly from NumPyro's start on this model: Adam's memory of the first
 * gradients. Runs `svi --guide bnaf` exactly as the app does (same keys, Adam(0.01), one
 * particle) and prints, every 500 steps, the mean loss of the block and two figures of Adam's
 * state over the flow's parameters: the quantiles of √v̂ (the bias-corrected second moment)
 * and of |m̂|/√v̂ (the step as a fraction of the learning rate). From NumPyro's start σ ≈ e⁰,
 * the first losses are 10⁸–10¹¹ and √v̂ then decays only as β₂^{t/2} = 0.9995ᵗ, so most steps
 * are a tiny fraction of the rate for thousands of steps; `--init median` (which centres the
 * flow on the prior medians, σ ≈ 693) removes that transient.
 *
 * Run: `node apps/exo-retrieval/bench/adam-memory.ts MOCK.json [seed] [steps] [median]`
 * on the reduced setup (nGrid 1000, nlayer 10; the mock must have been simulated with it).
 * Writes nothing; a diagnostic, not a benchmark.
 */
import { readFileSync } from "node:fs";
import { adam, svi } from "@sidereal/autodiff-samplers";
import { key, split } from "@sidereal/distributions";
import { type ExoData, exoModel, makeGuide, SEED_MODEL } from "@sidereal/exo-retrieval";

const [mockPath, seedArg = "0", stepsArg = "10000", init] = process.argv.slice(2);
if (mockPath === undefined) {
  console.error("usage: adam-memory.ts MOCK.json [seed] [steps] [median]");
  process.exit(2);
}
const steps = Number(stepsArg);
const mock = JSON.parse(readFileSync(mockPath, "utf8"));
const data: ExoData = {
  settings: { ...SEED_MODEL, nGrid: 1000, nlayer: 10 },
  nuObs: Float64Array.from(mock.nu),
  spectrum: Float64Array.from(mock.flux),
};
const guide = makeGuide("bnaf", init === "median" ? "median" : undefined);
const driver = svi(exoModel, guide, adam(0.01));
const [runKey] = split(key(Number(seedArg)));
let state = driver.init(runKey, data);
const quantiles = (xs: number[]) => {
  const s = xs.sort((a, b) => a - b);
  return [0.1, 0.5, 0.9].map((q) => s[Math.floor(q * (s.length - 1))].toExponential(2));
};
let block = 0;
for (let s = 1; s <= steps; s++) {
  let loss: number;
  [state, loss] = driver.update(state, data);
  block += loss;
  if (s % 500 === 0) {
    const { mu, nu, count } = state.optState;
    const c1 = 1 - 0.9 ** count;
    const c2 = 1 - 0.999 ** count;
    // parameters that never get a gradient (the weights above the block diagonal) are left out
    const live = Array.from(nu.keys()).filter((i) => nu[i] > 0);
    const sqrtV = live.map((i) => Math.sqrt(nu[i] / c2));
    const ratio = live.map((i) => Math.abs(mu[i] / c1) / (Math.sqrt(nu[i] / c2) + 1e-8));
    console.log(
      `step ${s}: block mean loss ${(block / 500).toPrecision(5)}; √v̂ q10/50/90 ${quantiles(sqrtV).join(" ")}; |m̂|/√v̂ ${quantiles(ratio).join(" ")}`,
    );
    block = 0;
  }
}
