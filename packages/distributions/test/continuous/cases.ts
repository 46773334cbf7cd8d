/**
 * The case table of the continuous distributions tests (in the spirit of NumPyro's
 * test_distributions.py): how to build each distribution from a list of parameter tensors.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  Beta,
  Cauchy,
  Chi2,
  Exponential,
  Gamma,
  HalfCauchy,
  HalfNormal,
  InverseGamma,
  Laplace,
  Logistic,
  LogNormal,
  Normal,
  Pareto,
  StudentT,
  TruncatedNormal,
  Uniform,
  VonMises,
  Weibull,
} from "../../src/continuous/index.js";
import type { Distribution } from "../../src/distribution.js";

export type Bounds = { low?: TensorLike; high?: TensorLike };

/** Builds a distribution from NumPyro-ordered parameters (and TruncatedNormal bounds). */
export function build(
  name: string,
  args: readonly (Tensor | number)[],
  bounds: Bounds = {},
): Distribution {
  const [a, b, c] = args;
  switch (name) {
    case "Normal":
      return Normal(a, b);
    case "HalfNormal":
      return HalfNormal(a);
    case "LogNormal":
      return LogNormal(a, b);
    case "StudentT":
      return StudentT(a, b, c);
    case "Cauchy":
      return Cauchy(a, b);
    case "HalfCauchy":
      return HalfCauchy(a);
    case "Laplace":
      return Laplace(a, b);
    case "Logistic":
      return Logistic(a, b);
    case "Uniform":
      return Uniform(a, b);
    case "Beta":
      return Beta(a, b);
    case "Gamma":
      return Gamma(a, b);
    case "InverseGamma":
      return InverseGamma(a, b);
    case "Chi2":
      return Chi2(a);
    case "Exponential":
      return Exponential(a);
    case "Weibull":
      return Weibull(a, b);
    case "Pareto":
      return Pareto(a, b);
    case "VonMises":
      return VonMises(a, b);
    case "TruncatedNormal":
      return TruncatedNormal(a, b, bounds);
    default:
      throw new Error(`unknown distribution ${name}`);
  }
}

/** Which kind of domain a case lives on (for quadrature and grids). */
export type Domain =
  | { kind: "real"; split?: number }
  | { kind: "positive"; from?: number }
  | { kind: "interval"; low: number; high: number };

export interface Case {
  readonly name: string;
  readonly args: readonly number[];
  readonly bounds?: { low?: number; high?: number };
  readonly domain: Domain;
  /** points inside the support for gradient checks */
  readonly points: readonly number[];
  /** a point outside the support (none for real support) */
  readonly outside?: number;
  /** finite mean, variance and fourth moment: sample moments are checked */
  readonly moments: boolean;
  /** closed-form cdf available (else the KS test uses a numerically integrated cdf) */
  readonly cdf: boolean;
}

export const CASES: readonly Case[] = [
  {
    name: "Normal",
    args: [0.7, 1.3],
    domain: { kind: "real" },
    points: [-1, 0.7, 2.4],
    moments: true,
    cdf: true,
  },
  {
    name: "HalfNormal",
    args: [1.4],
    domain: { kind: "positive" },
    points: [0.2, 1, 3],
    outside: -0.5,
    moments: true,
    cdf: true,
  },
  {
    name: "LogNormal",
    args: [0.2, 0.6],
    domain: { kind: "positive" },
    points: [0.4, 1.2, 3],
    outside: -1,
    moments: true,
    cdf: true,
  },
  {
    name: "StudentT",
    args: [7, -0.5, 1.5],
    domain: { kind: "real" },
    points: [-3, 0, 2],
    moments: true,
    cdf: false,
  },
  {
    name: "Cauchy",
    args: [0.3, 0.8],
    domain: { kind: "real" },
    points: [-2, 0.3, 4],
    moments: false,
    cdf: true,
  },
  {
    name: "HalfCauchy",
    args: [1.2],
    domain: { kind: "positive" },
    points: [0.1, 1, 5],
    outside: -2,
    moments: false,
    cdf: true,
  },
  {
    name: "Laplace",
    args: [-0.4, 0.9],
    domain: { kind: "real", split: -0.4 },
    points: [-2, 0.1, 1.5],
    moments: true,
    cdf: true,
  },
  {
    name: "Logistic",
    args: [1.1, 0.6],
    domain: { kind: "real" },
    points: [-1, 1, 3],
    moments: true,
    cdf: true,
  },
  {
    name: "Uniform",
    args: [-1.5, 2.5],
    domain: { kind: "interval", low: -1.5, high: 2.5 },
    points: [-1, 0.3, 2],
    outside: 3,
    moments: true,
    cdf: true,
  },
  {
    name: "Beta",
    args: [2.5, 1.7],
    domain: { kind: "interval", low: 0, high: 1 },
    points: [0.1, 0.5, 0.85],
    outside: 1.5,
    moments: true,
    cdf: false,
  },
  {
    name: "Gamma",
    args: [2.3, 1.6],
    domain: { kind: "positive" },
    points: [0.2, 1.1, 4],
    outside: -1,
    moments: true,
    cdf: true,
  },
  {
    name: "InverseGamma",
    args: [6.5, 2.5],
    domain: { kind: "positive" },
    points: [0.2, 0.5, 1.5],
    outside: -0.1,
    moments: true,
    cdf: true,
  },
  {
    name: "Chi2",
    args: [3.5],
    domain: { kind: "positive" },
    points: [0.5, 3, 8],
    outside: -3,
    moments: true,
    cdf: true,
  },
  {
    name: "Exponential",
    args: [1.9],
    domain: { kind: "positive" },
    points: [0.1, 0.6, 2],
    outside: -0.3,
    moments: true,
    cdf: true,
  },
  {
    name: "Weibull",
    args: [1.3, 1.8],
    domain: { kind: "positive" },
    points: [0.3, 1.2, 2.5],
    outside: -1,
    moments: true,
    cdf: true,
  },
  {
    name: "Pareto",
    args: [0.8, 5.5],
    domain: { kind: "positive", from: 0.8 },
    points: [0.9, 1.3, 3],
    outside: 0.5,
    moments: true,
    cdf: true,
  },
  {
    name: "VonMises",
    args: [0.6, 2.2],
    domain: { kind: "interval", low: -Math.PI, high: Math.PI },
    points: [-1, 0.6, 2],
    moments: false,
    cdf: false,
  },
  {
    name: "TruncatedNormal",
    args: [0.4, 1.2],
    bounds: { low: -0.5, high: 2.5 },
    domain: { kind: "interval", low: -0.5, high: 2.5 },
    points: [-0.2, 0.8, 2],
    outside: 3,
    moments: true,
    cdf: true,
  },
  {
    name: "TruncatedNormal",
    args: [0.4, 1.2],
    bounds: { low: 1.1 },
    domain: { kind: "positive", from: 1.1 },
    points: [1.2, 2, 3.5],
    outside: 1,
    moments: true,
    cdf: true,
  },
  {
    name: "TruncatedNormal",
    args: [-1, 0.5],
    bounds: { high: 0.5 },
    domain: { kind: "interval", low: -30, high: 0.5 },
    points: [-2, -1, 0.2],
    outside: 1,
    moments: true,
    cdf: true,
  },
  {
    name: "TruncatedNormal",
    args: [0, 1],
    bounds: { low: 4, high: 6 },
    domain: { kind: "interval", low: 4, high: 6 },
    points: [4.1, 4.5, 5.5],
    outside: 3.9,
    moments: true,
    cdf: true,
  },
];

export const caseLabel = (c: Case): string =>
  `${c.name}(${c.args.join(", ")}${c.bounds ? `, ${JSON.stringify(c.bounds)}` : ""})`;
