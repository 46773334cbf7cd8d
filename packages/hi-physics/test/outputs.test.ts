/** Output helpers: InferenceData groups, summaries, BIC record, cloud matching, simulated.json. */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import {
  biasRows,
  bicSummary,
  decodeSpecDataMap,
  inferenceData,
  matchCloudsByVelocity,
  perCloudSummary,
  posteriorSummary,
  simulatedJson,
  simulateSeed,
} from "../src/index.js";
import { toyModel } from "./helpers/toy.js";

/** A 2-cloud model with a hand-made 2-chain trace and one solution of both chains. */
function tracedModel() {
  const model = toyModel(2);
  const nDraws = 50;
  const v = new Float64Array(2 * nDraws * 2);
  const ll = new Float64Array(2 * nDraws * 60);
  for (let i = 0; i < v.length; i++) v[i] = (i % 2 === 0 ? -5 : 8) + 0.01 * Math.sin(i);
  for (let i = 0; i < ll.length; i++) ll[i] = -1 - 0.001 * (i % 7);
  const group = {
    velocity: { values: v, dims: ["chain", "draw", "cloud"], shape: [2, nDraws, 2] },
  };
  model.trace = {
    method: "nuts",
    posterior: group,
    logLikelihood: {
      emission: { values: ll, dims: ["chain", "draw", "emission_dim_0"], shape: [2, nDraws, 60] },
    },
    sampleStats: {
      diverging: { data: new Uint8Array(2 * nDraws), dims: ["chain", "draw"], shape: [2, nDraws] },
    },
    solutions: [
      {
        chains: [0, 1],
        samples: group,
        gmm: undefined as never,
        referenceChain: 0,
        labelOrder: [0, 1],
        cloudOrders: [
          [0, 1],
          [0, 1],
        ],
      },
    ],
  };
  return model;
}

describe("outputs", () => {
  const model = tracedModel();
  it("inferenceData: posterior, sample_stats, log_likelihood, observed_data with dims", () => {
    const idata = inferenceData(model, { solution: 0 });
    expect(Object.keys(idata).sort()).toEqual([
      "log_likelihood",
      "observed_data",
      "posterior",
      "sample_stats",
    ]);
    expect(idata.posterior.variables.velocity.dims).toEqual(["chain", "draw", "cloud"]);
    expect(idata.sample_stats.variables.diverging.shape).toEqual([2, 50]);
    expect(idata.observed_data.variables.emission.shape).toEqual([60]);
    expect(idata.log_likelihood.variables.emission.shape).toEqual([2, 50, 60]);
  });
  it("summaries: az.summary rows per cloud, and the per-cloud records", () => {
    const table = posteriorSummary(model, { solution: 0 });
    expect(Object.keys(table)).toEqual(["velocity[0]", "velocity[1]"]);
    expect(table["velocity[0]"].mean).toBeCloseTo(-5, 2);
    const per = perCloudSummary(model, { solution: 0 });
    expect(per.velocity).toHaveLength(2);
    expect(Object.keys(per.velocity[1])).toEqual([
      "mean",
      "sd",
      "hdi_3%",
      "hdi_97%",
      "r_hat",
      "ess_bulk",
    ]);
    const stats = posteriorSummary(model, { kind: "stats", hdiProb: 0.68 });
    expect(Object.keys(stats["velocity[0]"])).toEqual(["mean", "sd", "hdi_16%", "hdi_84%"]);
  });
  it("bicSummary: k, n, mean log-likelihood, BIC of the unique solution", () => {
    const b = bicSummary(model);
    expect(b.k).toBe(model.nParams);
    expect(b.n).toBe(100);
    expect(b.bic).toBeCloseTo(b.k * Math.log(b.n) - 2 * b.mean_lnlike, 10);
    const ll = model.trace?.logLikelihood.emission.values as Float64Array;
    expect(b.mean_lnlike).toBeCloseTo(ll.reduce((a, x) => a + x, 0) / 100, 10);
  });
  it("biasRows: truths matched by velocity beside the posterior statistics", () => {
    const rows = biasRows(
      model,
      { velocity: [10, -5, 5], tspin: [1, 2, 3] },
      { solution: 0, names: ["velocity", "tspin"] },
    );
    expect(rows.map((r) => r.truthIndex)).toEqual([1, 0]);
    expect(rows[0].truth).toEqual({ velocity: -5, tspin: 2 });
    expect(Object.keys(rows[0].posterior)).toEqual(["velocity"]);
    expect(Object.keys(rows[0].posterior.velocity)).toEqual(["mean", "sd", "hdi_3%", "hdi_97%"]);
    expect(rows[1].posterior.velocity.mean).toBeCloseTo(8, 2);
  });
  it("matchCloudsByVelocity (cell [41])", () => {
    expect(matchCloudsByVelocity(model, [10, -5, 5], 0)).toEqual([1, 0]);
  });
});

describe("simulatedJson", () => {
  it("round trips through decodeSpecDataMap with the TeX labels", () => {
    const json = JSON.parse(JSON.stringify(simulatedJson(simulateSeed({ noise: false }))));
    const data = Effect.runSync(
      decodeSpecDataMap({ emission: json.emission, absorption: json.absorption }),
    );
    expect(data.emission.spectral).toHaveLength(200);
    expect(data.absorption.ylabel).toBe("1 - exp(-$\\tau$)");
    expect(json.params.tau_total).toHaveLength(3);
    expect(json.params.baseline_emission_norm).toBe(0);
  });
});
