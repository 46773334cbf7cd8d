/**
 * The declarations of every case in the table (cases.ts, as NumPyro's test_distributions.py):
 * static argConstraints / support / reparametrized, the one validator (a violation of each
 * declared constraint raises a DistributionError with its fields and NumPyro's message),
 * `validateArgs: false`, `hasRsample` from `reparametrized`, and batch shapes.
 */
import { tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { Normal } from "../../src/continuous/index.js";
import type { Distribution } from "../../src/distribution.js";
import { DistributionError } from "../../src/errors.js";
import { key } from "../../src/random/index.js";
import type { ArgConstraints } from "../../src/validate.js";
import { build, CASES, caseLabel } from "./cases.js";

interface Declaring {
  readonly argConstraints: ArgConstraints;
  readonly reparametrized: readonly string[];
}
const declared = (d: Distribution) => d.constructor as unknown as Declaring;

/** A value that breaks each simple constraint, and the phrase the message must carry. */
const BREAKERS: Record<string, readonly [number, string]> = {
  positive: [-1, "positive"],
  finitePositive: [Number.POSITIVE_INFINITY, "positive and finite"],
};

describe("the NumPyro message", () => {
  it("Normal(0, -1) names class, parameter, value and constraint", () => {
    let err: unknown;
    try {
      Normal(0, -1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DistributionError);
    expect(err).toMatchObject({
      _tag: "DistributionError",
      distribution: "Normal",
      parameter: "scale",
      value: -1,
      constraint: "positive",
      message: "Normal distribution got invalid scale parameter: -1 (must be positive)",
    });
  });
  it("a dependent constraint names its bound", () => {
    expect(() => build("Uniform", [2, 1])).toThrow(
      "Uniform distribution got invalid low parameter: 2 (must be less than high = 1)",
    );
  });
});

describe.each(CASES.map((c) => [caseLabel(c), c] as const))("%s", (_label, c) => {
  const d = build(c.name, c.args, c.bounds);
  const decl = declared(d);
  const names = Object.keys(decl.argConstraints);

  it("declares argConstraints for its parameters, a support and reparametrized", () => {
    expect(names.length).toBeGreaterThan(0);
    for (const p of decl.reparametrized) expect(names).toContain(p);
    expect(
      d.support
        .check(c.points)
        .toArray()
        .every((x) => x === 1),
    ).toBe(true);
    expect(d.hasRsample).toBe(names.every((p) => decl.reparametrized.includes(p)));
  });

  it("each simple constraint violation raises a DistributionError with its fields", () => {
    const positional = c.args.length;
    let checked = 0;
    names.forEach((p, i) => {
      const constraint = decl.argConstraints[p] as { name?: string };
      const breaker = BREAKERS[constraint.name ?? ""];
      // parameters are declared in NumPyro's argument order (bounds of TruncatedNormal last)
      if (breaker === undefined || i >= positional) return;
      const args = c.args.map((a, j) => (j === i ? breaker[0] : a));
      let err: unknown;
      try {
        build(c.name, args, c.bounds);
      } catch (e) {
        err = e;
      }
      expect(err, `${p} = ${breaker[0]}`).toBeInstanceOf(DistributionError);
      expect(err).toMatchObject({ parameter: p, value: breaker[0], constraint: breaker[1] });
      expect((err as Error).message).toContain(`got invalid ${p} parameter: ${breaker[0]}`);
      expect(() => build(c.name, args, { ...c.bounds })).toThrow(DistributionError);
      checked++;
    });
    // Uniform's only constraint is the dependent low < high (checked above)
    expect(checked > 0 || c.name === "Uniform").toBe(true);
  });

  it("broadcasts a batch of parameters against sample shapes", () => {
    const batched = c.args.map((a, i) => (i === 0 ? tensor([a, a]) : a));
    const db = build(c.name, batched, c.bounds);
    expect(db.batchShape).toEqual([2]);
    expect(db.logProb(tensor([[c.points[0]], [c.points[1]], [c.points[2]]])).shape).toEqual([3, 2]);
    expect(db.sample(key(0), [4]).shape).toEqual([4, 2]);
  });
});
