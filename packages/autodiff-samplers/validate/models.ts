/**
 * Models of the simulation-based-calibration check (SBC; Talts et al. 2018, arXiv:1804.06788):
 * each has a model (conditioned on `data.y`), a generator drawing parameters from the prior and
 * data given them, and the names of the scalar quantities whose ranks are tested.
 * Plain TypeScript that Node 24 runs with type stripping (no enums/namespaces/parameter
 * properties); imports the built packages.
 */
import { defineModel, type Model } from "@sidereal/autodiff-samplers";
import {
  foldIn,
  HalfNormal,
  Normal,
  normal,
  Poisson,
  type PRNGKey,
  poisson,
} from "@sidereal/distributions";
import { add, exp, mul, take } from "@sidereal/tensor";

/** Data of one SBC replication. */
export interface SbcData {
  readonly y: number[];
}

/** One SBC model. */
export interface SbcModel {
  readonly name: string;
  readonly model: Model<SbcData>;
  /** Scalar quantities tested: `[label, site, index within the site]`. */
  readonly quantities: readonly (readonly [string, string, number])[];
  /** Draws true values (by label) from the prior and data given them. */
  readonly simulate: (k: PRNGKey) => {
    readonly truth: Record<string, number>;
    readonly data: SbcData;
  };
}

const N_NN = 10;
/** mu ~ N(0, 2), sigma ~ HalfNormal(1), y_i ~ N(mu, sigma), i < 10. */
export const normalNormal: SbcModel = {
  name: "normal-normal",
  model: defineModel((m, d: SbcData) => {
    const mu = m.sample("mu", Normal(0, 2));
    const sigma = m.sample("sigma", HalfNormal(1));
    m.plate("data", d.y.length, () => m.sample("y", Normal(mu, sigma), { obs: d.y }));
  }),
  quantities: [
    ["mu", "mu", 0],
    ["sigma", "sigma", 0],
  ],
  simulate: (k) => {
    const z = normal(foldIn(k, 0), [2]);
    const mu = 2 * z[0];
    const sigma = Math.abs(z[1]);
    const e = normal(foldIn(k, 1), [N_NN]);
    return { truth: { mu, sigma }, data: { y: Array.from(e, (v) => mu + sigma * v) } };
  },
};

const G = 3;
const PER = 4;
const GROUP = Array.from({ length: G * PER }, (_, i) => Math.floor(i / PER));
/**
 * Non-centred hierarchical normal, 3 groups of 4: mu ~ N(0, 1), tau ~ HalfNormal(1),
 * eta_j ~ N(0, 1), theta_j = mu + tau eta_j, y_jk ~ N(theta_j, 1) (y ordered by group).
 */
export const hierarchical: SbcModel = {
  name: "hierarchical normal (3 groups)",
  model: defineModel((m, d: SbcData) => {
    const mu = m.sample("mu", Normal(0, 1));
    const tau = m.sample("tau", HalfNormal(1));
    const eta = m.plate("groups", G, () => m.sample("eta", Normal(0, 1)));
    const theta = m.deterministic("theta", add(mu, mul(tau, eta)));
    m.plate("obs", G * PER, () => m.sample("y", Normal(take(theta, GROUP), 1), { obs: d.y }));
  }),
  quantities: [
    ["mu", "mu", 0],
    ["tau", "tau", 0],
    ["theta[0]", "theta", 0],
    ["theta[1]", "theta", 1],
    ["theta[2]", "theta", 2],
  ],
  simulate: (k) => {
    const z = normal(foldIn(k, 0), [2 + G]);
    const mu = z[0];
    const tau = Math.abs(z[1]);
    const theta = Array.from({ length: G }, (_, j) => mu + tau * z[2 + j]);
    const e = normal(foldIn(k, 1), [G * PER]);
    const y = Array.from(e, (v, i) => theta[Math.floor(i / PER)] + v);
    return {
      truth: { mu, tau, "theta[0]": theta[0], "theta[1]": theta[1], "theta[2]": theta[2] },
      data: { y },
    };
  },
};

const XS = Array.from({ length: 12 }, (_, i) => -1 + (2 * i) / 11);
/** Poisson regression: a ~ N(1, 0.5), b ~ N(0, 0.5), y_i ~ Poisson(exp(a + b x_i)), x on [-1, 1]. */
export const poissonRegression: SbcModel = {
  name: "poisson regression",
  model: defineModel((m, d: SbcData) => {
    const a = m.sample("a", Normal(1, 0.5));
    const b = m.sample("b", Normal(0, 0.5));
    m.plate("data", XS.length, () => m.sample("y", Poisson(exp(add(a, mul(b, XS)))), { obs: d.y }));
  }),
  quantities: [
    ["a", "a", 0],
    ["b", "b", 0],
  ],
  simulate: (k) => {
    const z = normal(foldIn(k, 0), [2]);
    const a = 1 + 0.5 * z[0];
    const b = 0.5 * z[1];
    const rate = Float64Array.from(XS, (x) => Math.exp(a + b * x));
    return { truth: { a, b }, data: { y: Array.from(poisson(foldIn(k, 1), rate, [XS.length])) } };
  },
};

/** All SBC models, in the order they are run. */
export const sbcModels: readonly SbcModel[] = [normalNormal, hierarchical, poissonRegression];
