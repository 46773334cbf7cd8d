/**
 * logCdf / logSurvival of every family that has them (the far tails are in
 * far-tails.test.ts): in the bulk exp(logCdf) = cdf and exp(logSurvival) = 1 − cdf (1e-12),
 * gradients in the value and every parameter against central differences (1e-6, as the
 * logProb gradients in properties.test.ts), and a DistributionError for families without
 * them.
 */
import { grad, type Tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { DistributionError } from "../../src/errors.js";
import { build, CASES } from "./cases.js";
import { centralDiff } from "./helpers.js";

const WITH_LOG_CDF = new Set([
  "Normal",
  "Cauchy",
  "Laplace",
  "Logistic",
  "HalfNormal",
  "HalfCauchy",
  "LogNormal",
  "Exponential",
  "Gamma",
  "Chi2",
  "InverseGamma",
  "Weibull",
  "Pareto",
]);
const cases = CASES.filter((c) => WITH_LOG_CDF.has(c.name));
type Method = "logCdf" | "logSurvival";
const at = (name: string, args: readonly (Tensor | number)[], m: Method, x: Tensor | number) =>
  build(name, args)[m](x);

describe.each(cases.map((c) => [c.name, c] as const))("%s", (name, c) => {
  it("exp(logCdf) = cdf and exp(logSurvival) = 1 − cdf in the bulk (1e-12)", () => {
    const d = build(name, c.args);
    for (const x of c.points) {
      const p = d.cdf(x).item();
      expect(Math.abs(Math.exp(at(name, c.args, "logCdf", x).item()) - p)).toBeLessThan(1e-12);
      expect(Math.abs(Math.exp(at(name, c.args, "logSurvival", x).item()) - (1 - p))).toBeLessThan(
        1e-12,
      );
    }
  });
  it.each(["logCdf", "logSurvival"] as const)("gradients of %s match central differences", (m) => {
    for (const v of c.points) {
      const g = grad((x: Tensor, ...p: Tensor[]) => at(name, p, m, x))(v, ...c.args).map((t) =>
        t.item(),
      );
      const want = [centralDiff((x) => at(name, c.args, m, x).item(), v)];
      for (let j = 0; j < c.args.length; j++) {
        const shifted = (u: number) => c.args.map((p, i) => (i === j ? u : p));
        want.push(centralDiff((u) => at(name, shifted(u), m, v).item(), c.args[j] as number));
      }
      want.forEach((w, j) => {
        expect(Number.isFinite(g[j]), `${m} d/d#${j} at ${v}`).toBe(true);
        expect(Math.abs(g[j] - w), `${m} d/d#${j} at x = ${v}: ${g[j]} vs ${w}`).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(w)),
        );
      });
    }
  });
});

describe("families without a log-space cdf", () => {
  it.each(["StudentT", "Beta", "VonMises"])("%s.logCdf throws a DistributionError", (name) => {
    const c = CASES.find((k) => k.name === name);
    expect(c).toBeDefined();
    if (c === undefined) return;
    expect(() => build(name, c.args).logCdf(c.points[0])).toThrow(DistributionError);
  });
});
