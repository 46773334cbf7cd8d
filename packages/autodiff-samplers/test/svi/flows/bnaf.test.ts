import { key, normal } from "@sidereal/distributions";
import {
  add,
  compile,
  concat,
  reshape,
  sum,
  type Tensor,
  tensor,
  valueAndGrad,
} from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import {
  type BnafOptions,
  type BnafParams,
  bnafForward,
  bnafParamNames,
  bnafParamShapes,
  initBnafParams,
} from "../../../src/svi/flows/bnaf.js";
import { FlowError } from "../../../src/svi/flows/errors.js";
import { logAbsDet, maxGradError, numericJacobian } from "./flowTestUtils.js";

function points(seed: number, n: number, d: number): number[][] {
  const z = normal(key(seed), [n, d]);
  return Array.from({ length: n }, (_, i) => Array.from(z.subarray(i * d, (i + 1) * d)));
}

const lossOf = (params: BnafParams, z: Tensor, options?: BnafOptions) => {
  const out = bnafForward(params, z, options);
  return add(sum(out.logDetJacobian), sum(out.y));
};

function autodiffGrads(params: BnafParams, z: Tensor, options?: BnafOptions): BnafParams {
  const names = Object.keys(params);
  const [, grads] = valueAndGrad((...ts: Tensor[]) =>
    lossOf(Object.fromEntries(names.map((nm, i) => [nm, ts[i]])), z, options),
  )(...names.map((nm) => params[nm]));
  return Object.fromEntries(names.map((nm, i) => [nm, grads[i]]));
}

describe("bnaf: Jacobian", () => {
  // central differences with h = 1e-5 on O(1) outputs: truncation ~h²·|y'''| ≈ 1e-10 and
  // rounding ~1e-16/h ≈ 1e-11, so 1e-6 on log|det| and 1e-9 on the zero entries are loose.
  for (const [dim, options] of [
    [3, undefined],
    [5, undefined],
    [3, { numFlows: 2, hiddenFactors: [4] }],
  ] as const) {
    const label = `dim ${dim}${options ? `, ${JSON.stringify(options)}` : ""}`;
    const params = initBnafParams(key(dim), dim, options);
    const f = (z: Tensor) => bnafForward(params, z, options).y;
    const zs = points(100 + dim, 3, dim);
    const ld = bnafForward(params, tensor(zs.flat(), [zs.length, dim]), options).logDetJacobian;

    test(`log-det equals log|det J| of the finite-difference Jacobian (${label})`, () => {
      const values = ld.toArray();
      zs.forEach((z, k) => {
        expect(Math.abs(logAbsDet(numericJacobian(f, z)) - values[k])).toBeLessThan(1e-6);
      });
    });

    if (!options) {
      test(`one stage: J lower triangular with positive diagonal (${label})`, () => {
        for (const z of zs) {
          const J = numericJacobian(f, z);
          for (let i = 0; i < dim; i++) {
            expect(J[i][i]).toBeGreaterThan(0);
            for (let j = i + 1; j < dim; j++) expect(Math.abs(J[i][j])).toBeLessThan(1e-9);
          }
        }
      });
    }
  }

  test("two stages with the reversal between them: the composition is not triangular", () => {
    // J = L₂·R·L₁ (R the reversal): each stage triangular, the product dense in general;
    // its log-det is checked against finite differences above.
    const dim = 3;
    const options = { numFlows: 2, hiddenFactors: [4] };
    const params = initBnafParams(key(9), dim, options);
    const J = numericJacobian((z) => bnafForward(params, z, options).y, [0.3, -0.2, 0.5]);
    expect(Math.abs(J[0][2])).toBeGreaterThan(1e-6);
    expect(Math.abs(J[2][0])).toBeGreaterThan(1e-6);
  });

  test("invertible: bisection on the triangular system recovers z (2-D)", () => {
    const dim = 2;
    const params = initBnafParams(key(21), dim);
    const y1 = (z0: number, z1: number) =>
      bnafForward(params, tensor([z0, z1], [1, 2])).y.toArray();
    const zTrue = [0.7, -1.3];
    const target = y1(zTrue[0], zTrue[1]);
    const bisect = (g: (t: number) => number, goal: number) => {
      let lo = -20;
      let hi = 20;
      for (let it = 0; it < 80; it++) {
        const mid = 0.5 * (lo + hi);
        if (g(mid) < goal) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    };
    const z0 = bisect((t) => y1(t, 0)[0], target[0]);
    const z1 = bisect((t) => y1(z0, t)[1], target[1]);
    expect(Math.abs(z0 - zTrue[0])).toBeLessThan(1e-9);
    expect(Math.abs(z1 - zTrue[1])).toBeLessThan(1e-9);
  });
});

describe("bnaf: gradients, compile, shapes", () => {
  test("autodiff gradient of Σ logdet + Σ y matches finite differences for every parameter", () => {
    for (const [dim, options] of [
      [3, undefined],
      [2, { numFlows: 2, hiddenFactors: [3, 2] }],
    ] as const) {
      const params = initBnafParams(key(5 + dim), dim, options);
      const z = tensor(normal(key(77), [4, dim]), [4, dim]);
      // h = 1e-5 central differences on a loss of size ~10: error ≲ 1e-8 relative
      const err = maxGradError(
        params,
        (p) => lossOf(p, z, options),
        (p) => autodiffGrads(p, z, options),
      );
      expect(err).toBeLessThan(1e-6);
    }
  });

  test("unused weights (above the block diagonal) get zero gradient", () => {
    const dim = 3;
    const params = initBnafParams(key(3), dim);
    const z = tensor(normal(key(4), [2, dim]), [2, dim]);
    const g = autodiffGrads(params, z).bnaf0_w1.toArray(); // [24, 24], p = q = 8
    for (let r = 0; r < 24; r++)
      for (let c = 0; c < 24; c++)
        if (Math.floor(r / 8) > Math.floor(c / 8)) expect(Math.abs(g[r * 24 + c])).toBe(0);
  });

  const dimC = 4;
  const namesC = bnafParamNames(dimC);
  const asRecord = (ts: Tensor[]) => Object.fromEntries(namesC.map((nm, i) => [nm, ts[i]]));
  const traceArgs = [
    tensor(normal(key(12), [5, dimC]), [5, dimC]),
    ...namesC.map((nm) => initBnafParams(key(11), dimC)[nm]),
  ];
  // evaluated at other points and parameters than the trace's
  const otherParams = initBnafParams(key(13), dimC);
  const evalArgs = [
    tensor(normal(key(14), [5, dimC]), [5, dimC]),
    ...namesC.map((nm) => otherParams[nm]),
  ];
  const lossC = (z: Tensor, ...ts: Tensor[]) => lossOf(asRecord(ts), z);

  test("compiled forward (y and log-det) equals the eager one", () => {
    const packed = (z: Tensor, ...ts: Tensor[]) => {
      const out = bnafForward(asRecord(ts), z);
      return concat([reshape(out.y, [-1]), out.logDetJacobian]);
    };
    const compiled = compile(packed, traceArgs, { grad: false });
    const eager = packed(evalArgs[0], ...evalArgs.slice(1)).toArray();
    const got = compiled.value(...evalArgs).toArray();
    // same operations in a different evaluation order (fused loops): rounding only
    for (let k = 0; k < eager.length; k++)
      expect(Math.abs(got[k] - eager[k])).toBeLessThan(1e-12 * (1 + Math.abs(eager[k])));
  });

  // Note: an earlier formulation (exp on the whole masked weight matrix) made `compile` throw
  // "cyclic schedule" — a bug of the tensor scheduler (stale dependency sets when a fused
  // group gains dependencies); this test guards the current formulation against it.
  test("compiled gradient equals the eager one", () => {
    const compiledLoss = compile(lossC, traceArgs);
    const gradOut = evalArgs.map((a) => new Float64Array(a.size));
    const v = compiledLoss.valueAndGrad(evalArgs, gradOut);
    const [ev, eg] = valueAndGrad(lossC)(...evalArgs);
    expect(Math.abs(v - ev.item())).toBeLessThan(1e-10 * (1 + Math.abs(ev.item())));
    eg.forEach((g, i) => {
      const a = g.toArray();
      for (let k = 0; k < a.length; k++)
        expect(Math.abs(gradOut[i][k] - a[k])).toBeLessThan(1e-10 * (1 + Math.abs(a[k])));
    });
  });

  test("batch shapes: [..., d] in, [...] log-det out; same values as the flat batch", () => {
    const dim = 3;
    const params = initBnafParams(key(1), dim);
    const data = normal(key(2), [2, 3, dim]);
    const out = bnafForward(params, tensor(data, [2, 3, dim]));
    const flat = bnafForward(params, tensor(data, [6, dim]));
    expect(out.y.shape).toEqual([2, 3, dim]);
    expect(out.logDetJacobian.shape).toEqual([2, 3]);
    expect(out.y.toArray()).toEqual(flat.y.toArray());
    expect(out.logDetJacobian.toArray()).toEqual(flat.logDetJacobian.toArray());
    const single = bnafForward(params, tensor(data.subarray(0, dim), [dim]));
    expect(single.logDetJacobian.shape).toEqual([]);
    expect(single.logDetJacobian.item()).toBeCloseTo(flat.logDetJacobian.toArray()[0], 14);
  });

  test("parameter shapes and initialisation follow the documented scheme", () => {
    const shapes = bnafParamShapes(2);
    expect(shapes.map((s) => `${s.name}:${s.shape.join("x")}`)).toEqual([
      "bnaf0_w0:2x16",
      "bnaf0_logScale0:16",
      "bnaf0_b0:16",
      "bnaf0_w1:16x16",
      "bnaf0_logScale1:16",
      "bnaf0_b1:16",
      "bnaf0_w2:16x2",
      "bnaf0_logScale2:2",
      "bnaf0_b2:2",
    ]);
    expect(bnafParamNames(2, { numFlows: 2 })).toContain("bnaf0_gate");
    const p = initBnafParams(key(0), 2);
    const w1 = p.bnaf0_w1.toArray();
    // block (input 1, output 0) is zero; block (0, 1) within the Glorot bound √(6/(16+8))
    for (let r = 8; r < 16; r++)
      for (let c = 0; c < 8; c++) expect(Math.abs(w1[r * 16 + c])).toBe(0);
    for (let r = 0; r < 8; r++)
      for (let c = 8; c < 16; c++) expect(Math.abs(w1[r * 16 + c])).toBeLessThanOrEqual(0.5);
    for (const s of p.bnaf0_logScale1.toArray()) expect(s).toBeLessThanOrEqual(0);
    for (const b of p.bnaf0_b1.toArray()) expect(Math.abs(b)).toBeLessThanOrEqual(0.25);
    // deterministic in the key
    expect(initBnafParams(key(0), 2).bnaf0_w0.toArray()).toEqual(p.bnaf0_w0.toArray());
  });

  test("bad input throws typed FlowErrors", () => {
    const params = initBnafParams(key(0), 3);
    const catchErr = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    // input of dimension 2 for parameters of dimension 3: the first weight has the wrong shape
    const e1 = catchErr(() => bnafForward(params, tensor([1, 2], [1, 2])));
    expect(e1).toBeInstanceOf(FlowError);
    expect((e1 as FlowError)._tag).toBe("FlowError");
    expect((e1 as FlowError).problem).toBe("bad-shape");
    expect((e1 as FlowError).parameter).toBe("bnaf0_w0");
    const e2 = catchErr(() => bnafForward(params, tensor(1)));
    expect((e2 as FlowError).problem).toBe("bad-shape");
    const e3 = catchErr(() => initBnafParams(key(0), 0));
    expect((e3 as FlowError).problem).toBe("bad-dimension");
    const e4 = catchErr(() => initBnafParams(key(0), 2, { hiddenFactors: [8, 0] }));
    expect((e4 as FlowError).problem).toBe("bad-option");
    const { bnaf0_b2: _, ...missing } = params;
    const e5 = catchErr(() => bnafForward(missing, tensor([1, 2, 3], [1, 3])));
    expect((e5 as FlowError).parameter).toBe("bnaf0_b2");
    const e6 = catchErr(() =>
      bnafForward({ ...params, bnaf0_b2: tensor([0, 0], [2]) }, tensor([1, 2, 3], [1, 3])),
    );
    expect((e6 as FlowError).problem).toBe("bad-shape");
  });
});
