import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { tensor } from "../../src/index.js";
import { expectGradMatchesFd } from "../helpers/finite-diff.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("special-function ops", () => {
  it("reproduce the scipy 1.10 reference values quoted in the tensor issue", () => {
    expect(rel(T.lgamma(0.5).item(), 0.5723649429247001)).toBeLessThan(1e-15);
    expect(rel(T.digamma(1).item(), -0.5772156649015329)).toBeLessThan(1e-15);
    expect(rel(T.logNdtr(-40).item(), -804.6084420137538)).toBeLessThan(1e-15);
    expect(rel(T.erfcx(30).item(), 0.018795888861416751)).toBeLessThan(1e-15);
    expect(rel(T.betaln(2, 3).item(), -2.4849066497880004)).toBeLessThan(1e-15);
    expect(rel(T.gammaincReg(3, 2.5).item(), 0.4561868841166703)).toBeLessThan(1e-14);
  });
  it("gradients match finite differences", () => {
    const x = tensor([0.3, 1.7, 4.2]);
    for (const f of [
      T.lgamma,
      T.digamma,
      T.erf,
      T.erfc,
      T.erfcx,
      T.ndtr,
      T.logNdtr,
      T.besselI0e,
      T.besselI1e,
    ])
      expectGradMatchesFd((t) => T.sum(f(t)), [x]);
    expectGradMatchesFd((t) => T.sum(T.logNdtr(t)), [tensor([-30, -8, 5])]);
    expectGradMatchesFd((t) => T.sum(T.erfinv(t)), [tensor([-0.9, 0.1, 0.6])]);
    expectGradMatchesFd((t) => T.sum(T.ndtri(t)), [tensor([0.01, 0.4, 0.97])]);
    expectGradMatchesFd((t) => T.sum(T.log1mexp(t)), [tensor([-3, -0.5, -0.01])]);
    expectGradMatchesFd(
      (a, b) => T.sum(T.betaln(a, b)),
      [tensor([0.5, 2, 30]), tensor([3, 0.7, 12])],
    );
    expectGradMatchesFd(
      (a, t) => T.sum(T.gammaincReg(a, t)),
      [tensor([0.5, 3, 10]), tensor([0.2, 2.5, 12])],
      1e-5,
    );
    expectGradMatchesFd(
      (t, s, g) => T.sum(T.voigtProfile(t, s, g)),
      [tensor([-1.5, 0.2, 3]), tensor([0.7, 1.1, 0.4]), tensor([0.3, 0.05, 1.2])],
    );
  });
  it("Voigt profile reduces to a Gaussian when gamma = 0", () => {
    const v = T.voigtProfile(0.5, 1, 0).item();
    expect(rel(v, Math.exp(-0.125) / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-13);
  });
  it("trigamma cannot be differentiated and says so", () => {
    expect(() => T.grad((t) => T.sum(T.trigamma(t)))(tensor([1]))).toThrow(
      /trigamma.*no gradient rule/,
    );
  });
  it("special ops compile and agree with eager evaluation", () => {
    const f = (a: T.Tensor, x: T.Tensor) =>
      T.sum(T.add(T.lgamma(x), T.mul(T.logNdtr(T.sub(x, a)), T.erf(a))));
    const args = [tensor(0.4), tensor([0.5, 2, 7])];
    const c = T.compile(f, args);
    const [v, g] = T.valueAndGrad(f)(...args);
    const gOut = [new Float64Array(1), new Float64Array(3)];
    expect(rel(c.valueAndGrad(args, gOut), v.item())).toBeLessThan(1e-14);
    expect(rel(gOut[0][0], g[0].item())).toBeLessThan(1e-14);
  });
});
