import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { type Tensor, tensor } from "../../src/index.js";

/** A model-like function touching elementwise chains, broadcasting, reductions and shape ops. */
function model(a: Tensor, x: Tensor, m: Tensor): Tensor {
  const z = T.div(T.sub(x, a), T.exp(T.slice(m, [[0, 1]])));
  const lp = T.sub(T.mul(T.square(z), -0.5), T.slice(m, [[0, 1]]));
  const mix = T.logaddexp(
    T.add(lp, T.logSigmoid(a)),
    T.add(T.log1p(T.square(x)), T.logSigmoid(T.neg(a))),
  );
  const rows = T.reshape(T.concat([mix, T.cumsum(x)]), [2, -1]);
  return T.add(T.sum(T.logsumexp(rows, 0)), T.sum(T.mul(T.sum(T.square(m)), T.tanh(a))));
}

const vec = (n: number, lo: number, hi: number) =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: n, maxLength: n });

describe("compile", () => {
  it("agrees with eager evaluation (value and gradient) to 1e-12 relative on random inputs", () => {
    const ex = [tensor(0.3), tensor([0.1, 0.5, 2, -1]), tensor([0.2, -0.4])];
    const c = T.compile(model, ex);
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        vec(4, -3, 3),
        vec(2, -1, 1),
        (a, x, m) => {
          const args = [tensor(a), tensor(x), tensor(m)];
          const [v, grads] = T.valueAndGrad(model)(...args);
          const gOut = [new Float64Array(1), new Float64Array(4), new Float64Array(2)];
          const vc = c.valueAndGrad(args, gOut);
          expect(Math.abs(vc - v.item())).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(v.item())),
          );
          expect(Math.abs(c.value(...args).item() - v.item())).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(v.item())),
          );
          grads.forEach((g, k) => {
            g.toArray().forEach((gi, i) => {
              expect(Math.abs(gOut[k][i] - gi)).toBeLessThanOrEqual(
                1e-12 * Math.max(1, Math.abs(gi)),
              );
            });
          });
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });
  it("traces the function exactly once", () => {
    let calls = 0;
    const f = (x: Tensor) => {
      calls++;
      return T.sum(T.exp(x));
    };
    const c = T.compile(f, [tensor([1, 2])]);
    const g = new Float64Array(2);
    for (let k = 0; k < 5; k++) c.flat(new Float64Array([k, 1]), g);
    expect(calls).toBe(1);
    expect(g[0]).toBeCloseTo(Math.exp(4), 12);
  });
  it("the flat form concatenates arguments in order", () => {
    const c = T.compile((a, b) => T.sum(T.mul(a, b)), [tensor([1, 2]), tensor(3)]);
    const g = new Float64Array(3);
    expect(c.flat(new Float64Array([1, 2, 3]), g)).toBe(9);
    expect([...g]).toEqual([3, 3, 3]);
    expect(c.flatSize).toBe(3);
  });
  it("fails with a clear error on value-dependent control flow", () => {
    const branchy = (x: Tensor) => (T.sum(x).item() > 0 ? T.sum(x) : T.neg(T.sum(x)));
    expect(() => T.compile(branchy, [tensor([1])])).toThrow(
      /compile: sum: item\(\) reads the value of a traced tensor/,
    );
    expect(() => T.compile((x: Tensor) => T.mul(x, Number(x) > 0 ? 1 : 2), [tensor(1)])).toThrow(
      /CompileError|compile/,
    );
  });
  it("constants computed from data are folded and data-only reads are allowed", () => {
    const data = tensor([1, 2, 3]);
    const c = T.compile(
      (x: Tensor) => {
        const k = T.sum(T.exp(data)).item(); // depends only on constants: allowed
        return T.sum(T.mul(x, k));
      },
      [tensor([1, 1, 1])],
    );
    expect(c.value(tensor([1, 0, 0])).item()).toBeCloseTo(
      Math.exp(1) + Math.exp(2) + Math.exp(3),
      12,
    );
  });
  it("rejects arguments of the wrong size", () => {
    const c = T.compile((x: Tensor) => T.sum(x), [tensor([1, 2])]);
    expect(() => c.flat(new Float64Array(3), new Float64Array(3))).toThrow(/length 3, expected 2/);
  });
  it("calls do not allocate new output buffers (value buffers are reused)", () => {
    const c = T.compile((x: Tensor) => T.sum(T.square(x)), [tensor([1, 2])]);
    const g = new Float64Array(2);
    c.flat(new Float64Array([1, 2]), g);
    const src = c.source.valueAndGrad;
    expect(src).not.toMatch(/new Float64Array/);
  });
});
