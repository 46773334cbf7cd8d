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
import { FlowError } from "../../../src/svi/flows/errors.js";
import {
  type IafOptions,
  type IafParams,
  iafForward,
  iafParamNames,
  iafParamShapes,
  initIafParams,
} from "../../../src/svi/flows/iaf.js";
import { madeMasks } from "../../../src/svi/flows/made.js";
import { logAbsDet, maxGradError, numericJacobian } from "./flowTestUtils.js";

function points(seed: number, n: number, d: number): number[][] {
  const z = normal(key(seed), [n, d]);
  return Array.from({ length: n }, (_, i) => Array.from(z.subarray(i * d, (i + 1) * d)));
}

/** Random (not initial) parameters so that m and s vary visibly with z. */
function randomParams(seed: number, dim: number, options?: IafOptions, scale = 0.7): IafParams {
  const shapes = iafParamShapes(dim, options);
  return Object.fromEntries(
    shapes.map((s, i) => {
      const size = s.shape.reduce((p, d) => p * d, 1);
      const v = normal(key(1000 * seed + i), [size]);
      for (let k = 0; k < size; k++) v[k] *= scale;
      return [s.name, tensor(v, s.shape)];
    }),
  );
}

const lossOf = (params: IafParams, z: Tensor, options?: IafOptions) => {
  const out = iafForward(params, z, options);
  return add(sum(out.logDetJacobian), sum(out.y));
};

function autodiffGrads(params: IafParams, z: Tensor, options?: IafOptions): IafParams {
  const names = Object.keys(params);
  const [, grads] = valueAndGrad((...ts: Tensor[]) =>
    lossOf(Object.fromEntries(names.map((nm, i) => [nm, ts[i]])), z, options),
  )(...names.map((nm) => params[nm]));
  return Object.fromEntries(names.map((nm, i) => [nm, grads[i]]));
}

describe("iaf: Jacobian", () => {
  // central differences, h = 1e-5 (see bnaf.test.ts): errors ≲ 1e-9 on log|det|
  const cases: [number, IafOptions | undefined][] = [
    [3, undefined],
    [5, undefined],
    [3, { stable: false }],
    [5, { numFlows: 2, hiddenDims: [7, 4], stable: false }],
    [4, { sigmoidBias: 0 }],
  ];
  for (const [dim, options] of cases) {
    const label = `dim ${dim}${options ? `, ${JSON.stringify(options)}` : ""}`;
    const params = randomParams(dim, dim, options);
    const f = (z: Tensor) => iafForward(params, z, options).y;
    const zs = points(200 + dim, 3, dim);
    test(`log-det equals log|det J| of the finite-difference Jacobian (${label})`, () => {
      const ld = iafForward(params, tensor(zs.flat(), [zs.length, dim]), options).logDetJacobian;
      const values = ld.toArray();
      zs.forEach((z, k) => {
        expect(Math.abs(logAbsDet(numericJacobian(f, z)) - values[k])).toBeLessThan(1e-6);
      });
    });
  }

  for (const stable of [true, false]) {
    test(`one stage: J lower triangular, positive diagonal, J_ii = σ_i or exp ℓ_i (stable ${stable})`, () => {
      const dim = 4;
      const options = { numFlows: 1, stable };
      const params = randomParams(7, dim, options);
      for (const z of points(301, 3, dim)) {
        const J = numericJacobian((x) => iafForward(params, x, options).y, z);
        const ld = iafForward(params, tensor(z, [1, dim]), options).logDetJacobian.item();
        let sumLogDiag = 0;
        for (let i = 0; i < dim; i++) {
          expect(J[i][i]).toBeGreaterThan(0);
          sumLogDiag += Math.log(J[i][i]);
          for (let j = i + 1; j < dim; j++) expect(Math.abs(J[i][j])).toBeLessThan(1e-9);
        }
        // the first output has constant m₀, s₀ and depends on z₀ only; J_ij ≠ 0 below
        expect(Math.abs(J[dim - 1][0])).toBeGreaterThan(1e-6);
        expect(Math.abs(sumLogDiag - ld)).toBeLessThan(1e-6);
      }
    });
  }

  test("three stages (default): composition T₃∘R∘T₂∘R∘T₁ is dense", () => {
    const dim = 3;
    const params = randomParams(3, dim);
    const J = numericJacobian((x) => iafForward(params, x).y, [0.2, -0.5, 0.9]);
    expect(Math.abs(J[0][2])).toBeGreaterThan(1e-6);
    expect(Math.abs(J[2][0])).toBeGreaterThan(1e-6);
  });

  test("MADE masks: output i reaches only inputs j < i through every path", () => {
    for (const [d, hidden] of [
      [2, [2, 2]],
      [5, [5, 5]],
      [6, [3]],
      [4, [9, 2, 7]],
    ] as const) {
      const { layerSizes, masks } = madeMasks(d, hidden, 2);
      // connectivity = product of the 0/1 masks
      let reach: number[][] = Array.from({ length: d }, (_, j) =>
        Array.from({ length: d }, (_, k) => (j === k ? 1 : 0)),
      );
      masks.forEach((m, l) => {
        const rows = layerSizes[l];
        const cols = layerSizes[l + 1];
        reach = reach.map((r) =>
          Array.from({ length: cols }, (_, c) => {
            let acc = 0;
            for (let k = 0; k < rows; k++) acc += r[k] * m[k * cols + c];
            return acc;
          }),
        );
      });
      for (let j = 0; j < d; j++)
        for (let o = 0; o < 2 * d; o++) {
          const i = o % d;
          if (j >= i) expect(reach[j][o]).toBe(0);
          // with hidden widths ≥ d − 1 every allowed connection is present
          else if (hidden.every((h) => h >= d - 1)) expect(reach[j][o]).toBeGreaterThan(0);
        }
    }
  });
});

describe("iaf: gradients, compile, shapes", () => {
  test("autodiff gradient of Σ logdet + Σ y matches finite differences for every parameter", () => {
    for (const [dim, options] of [
      [3, undefined],
      [4, { numFlows: 2, stable: false }],
    ] as const) {
      const params = randomParams(11 + dim, dim, options, 0.3);
      const z = tensor(normal(key(88), [4, dim]), [4, dim]);
      const err = maxGradError(
        params,
        (p) => lossOf(p, z, options),
        (p) => autodiffGrads(p, z, options),
      );
      expect(err).toBeLessThan(1e-6);
    }
  });

  test("masked-out weights get zero gradient", () => {
    const dim = 3;
    const params = initIafParams(key(5), dim, { numFlows: 1 });
    const z = tensor(normal(key(6), [3, dim]), [3, dim]);
    const g = autodiffGrads(params, z, { numFlows: 1 });
    const { masks } = madeMasks(dim, [dim, dim], 2);
    masks.forEach((m, l) => {
      const gl = g[`iaf0_w${l}`].toArray();
      const w = params[`iaf0_w${l}`].toArray();
      for (let k = 0; k < m.length; k++)
        if (m[k] === 0) {
          expect(Math.abs(gl[k])).toBe(0);
          expect(Math.abs(w[k])).toBe(0);
        }
    });
  });

  test("compiled forward and gradient equal the eager ones", () => {
    const dim = 4;
    const names = iafParamNames(dim);
    const asRecord = (ts: Tensor[]) => Object.fromEntries(names.map((nm, i) => [nm, ts[i]]));
    const init = initIafParams(key(21), dim);
    const traceArgs = [tensor(normal(key(22), [5, dim]), [5, dim]), ...names.map((n) => init[n])];
    const other = randomParams(23, dim);
    const evalArgs = [tensor(normal(key(24), [5, dim]), [5, dim]), ...names.map((n) => other[n])];
    const packed = (z: Tensor, ...ts: Tensor[]) => {
      const out = iafForward(asRecord(ts), z);
      return concat([reshape(out.y, [-1]), out.logDetJacobian]);
    };
    const eager = packed(evalArgs[0], ...evalArgs.slice(1)).toArray();
    const got = compile(packed, traceArgs, { grad: false })
      .value(...evalArgs)
      .toArray();
    for (let k = 0; k < eager.length; k++)
      expect(Math.abs(got[k] - eager[k])).toBeLessThan(1e-12 * (1 + Math.abs(eager[k])));

    const loss = (z: Tensor, ...ts: Tensor[]) => lossOf(asRecord(ts), z);
    const gradOut = evalArgs.map((a) => new Float64Array(a.size));
    const v = compile(loss, traceArgs).valueAndGrad(evalArgs, gradOut);
    const [ev, eg] = valueAndGrad(loss)(...evalArgs);
    expect(Math.abs(v - ev.item())).toBeLessThan(1e-10 * (1 + Math.abs(ev.item())));
    eg.forEach((g, i) => {
      const a = g.toArray();
      for (let k = 0; k < a.length; k++)
        expect(Math.abs(gradOut[i][k] - a[k])).toBeLessThan(1e-10 * (1 + Math.abs(a[k])));
    });
  });

  test("batch shapes and parameter layout", () => {
    const dim = 3;
    const params = initIafParams(key(1), dim);
    const data = normal(key(2), [2, 2, dim]);
    const out = iafForward(params, tensor(data, [2, 2, dim]));
    const flat = iafForward(params, tensor(data, [4, dim]));
    expect(out.y.shape).toEqual([2, 2, dim]);
    expect(out.logDetJacobian.shape).toEqual([2, 2]);
    expect(out.logDetJacobian.toArray()).toEqual(flat.logDetJacobian.toArray());
    expect(iafParamShapes(3).map((s) => `${s.name}:${s.shape.join("x")}`)).toEqual(
      [0, 1, 2].flatMap((f) => [
        `iaf${f}_w0:3x3`,
        `iaf${f}_b0:3`,
        `iaf${f}_w1:3x3`,
        `iaf${f}_b1:3`,
        `iaf${f}_w2:3x6`,
        `iaf${f}_b2:6`,
      ]),
    );
    // at initialisation the stable update is close to σ(2)·z + (1 − σ(2))·m with m ≈ 0
    const ld = initIafParams(key(3), 5, { numFlows: 1 });
    const z = tensor(normal(key(4), [1, 5]), [1, 5]);
    const l0 = iafForward(ld, z, { numFlows: 1 }).logDetJacobian.item();
    expect(Math.abs(l0 - 5 * Math.log(1 / (1 + Math.exp(-2))))).toBeLessThan(0.5);
  });

  test("bad input throws typed FlowErrors", () => {
    const err = (f: () => unknown): FlowError => {
      try {
        f();
      } catch (e) {
        if (e instanceof FlowError) return e;
        throw e;
      }
      throw new Error("no error thrown");
    };
    expect(err(() => initIafParams(key(0), 1)).problem).toBe("bad-dimension");
    expect(err(() => initIafParams(key(0), 3, { numFlows: 0 })).problem).toBe("bad-option");
    expect(err(() => initIafParams(key(0), 3, { hiddenDims: [2.5] })).problem).toBe("bad-option");
    expect(err(() => initIafParams(key(0), 3, { sigmoidBias: Number.NaN })).parameter).toBe(
      "sigmoidBias",
    );
    const params = initIafParams(key(0), 3);
    const e = err(() => iafForward(params, tensor([1, 2, 3, 4], [1, 4])));
    expect(e._tag).toBe("FlowError");
    expect(e.problem).toBe("bad-shape");
    const { iaf2_b2: _, ...missing } = params;
    expect(err(() => iafForward(missing, tensor([1, 2, 3], [1, 3]))).parameter).toBe("iaf2_b2");
  });
});
