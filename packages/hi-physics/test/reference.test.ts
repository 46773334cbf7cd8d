/**
 * Every physics function against an independent mpmath computation of the equations of spec §1
 * (test/fixtures/generate.py, 50 digits, rounded to float64) to 1e-10 relative. The fixture
 * computes its values from its own transcription of the equations, so agreement checks the
 * TypeScript formulas and their float64 evaluation, not one against itself.
 */
import { Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  calcDepthNonthermal,
  calcKineticTemp,
  calcLog10ColumnDensity,
  calcLog10Density,
  calcLog10NonthermalPressure,
  calcNonthermalFwhm,
  calcPseudoVoigt,
  calcSpinTemp,
  calcTauTotal,
  calcThermalFwhm2,
  gaussian,
  lorentzian,
  radiativeTransfer,
} from "../src/index.js";
import { expectClose, fixtures } from "./helpers/fixtures.js";

const RTOL = 1e-10;

type Scalar = (...args: number[]) => number;
const scalarCases: [string, Scalar][] = [
  ["gaussian", gaussian as Scalar],
  ["lorentzian", lorentzian as Scalar],
  ["calcSpinTemp", calcSpinTemp as Scalar],
  ["calcThermalFwhm2", calcThermalFwhm2 as Scalar],
  ["calcKineticTemp", calcKineticTemp as Scalar],
  ["calcNonthermalFwhm", calcNonthermalFwhm as Scalar],
  ["calcDepthNonthermal", calcDepthNonthermal as Scalar],
  ["calcLog10ColumnDensity", calcLog10ColumnDensity as Scalar],
  ["calcLog10Density", calcLog10Density as Scalar],
  ["calcTauTotal", calcTauTotal as Scalar],
  ["calcLog10NonthermalPressure", calcLog10NonthermalPressure as Scalar],
];

describe("elementwise functions vs mpmath (1e-10 relative)", () => {
  for (const [name, fn] of scalarCases) {
    const rows = fixtures[name as keyof typeof fixtures] as number[][];
    it(`${name}: ${rows.length} points, numbers in → numbers out`, () => {
      for (const row of rows) {
        const args = row.slice(0, -1);
        const v = fn(...args);
        expect(typeof v).toBe("number");
        // log10 quantities near 0 (e.g. calcLog10Density(18.489351, 0) = 0): absolute 1e-12
        expectClose(v, row[row.length - 1], RTOL, 1e-12);
      }
    });
    it(`${name}: Float64Array in → Float64Array out, tensor in → tensor out`, () => {
      const nArgs = rows[0].length - 1;
      const cols = Array.from({ length: nArgs }, (_, k) => Float64Array.from(rows, (r) => r[k]));
      const arr = (fn as unknown as (...a: Float64Array[]) => Float64Array)(...cols);
      expect(arr).toBeInstanceOf(Float64Array);
      const ten = (fn as unknown as (...a: Tensor[]) => Tensor)(
        ...cols.map((c) => tensor(c, [c.length])),
      );
      expect(ten).toBeInstanceOf(Tensor);
      rows.forEach((r, i) => {
        expectClose(arr[i], r[r.length - 1], RTOL, 1e-12);
        expect(ten.data[i]).toBe(arr[i]);
      });
    });
  }
});

describe("calcPseudoVoigt vs mpmath", () => {
  const { axis, velocity, fwhm2, cases } = fixtures.pseudoVoigt;
  for (const c of cases) {
    it(`fwhm_L = ${JSON.stringify(c.fwhmL)}: S×N matrix to 1e-10 relative`, () => {
      const fl = typeof c.fwhmL === "number" ? c.fwhmL : Float64Array.from(c.fwhmL);
      const p = calcPseudoVoigt(
        Float64Array.from(axis),
        Float64Array.from(velocity),
        Float64Array.from(fwhm2),
        fl,
      );
      expect(p.length).toBe(axis.length * velocity.length);
      for (const [s, row] of c.profile.entries())
        for (const [i, v] of row.entries())
          expectClose(p[s * velocity.length + i], v, RTOL, 1e-300);
    });
  }
  it("returns a tensor of shape [S, N] for tensor input", () => {
    const p = calcPseudoVoigt(tensor(axis), tensor(velocity), tensor(fwhm2));
    expect(p.shape).toEqual([axis.length, velocity.length]);
  });
});

describe("radiativeTransfer vs mpmath", () => {
  const tau = fixtures.radiativeTransferTau;
  const s = tau.length;
  const tauT = tensor(Float64Array.from(tau.flat()), [s, 2]);
  for (const c of fixtures.radiativeTransfer) {
    it(`tspin ${c.tspin}, f ${JSON.stringify(c.fillingFactor)}, T_bg ${c.bgTemp}`, () => {
      const ff = typeof c.fillingFactor === "number" ? c.fillingFactor : tensor(c.fillingFactor);
      const tb = radiativeTransfer(tauT, tensor(c.tspin), ff, c.bgTemp);
      expect(tb.shape).toEqual([s]);
      // Far wings: T_B → 0 by cancellation of T_bg·A − T_bg; compare there absolutely (1e-12 K).
      for (const [i, v] of c.tb.entries()) expectClose(tb.data[i], v, RTOL, 1e-12);
    });
  }
});

describe("array kinds of the matrix functions", () => {
  it("radiativeTransfer takes τ as rows (number[][]) and returns a Float64Array", () => {
    const tau = fixtures.radiativeTransferTau;
    const c = fixtures.radiativeTransfer[0];
    const tb = radiativeTransfer(tau, c.tspin, c.fillingFactor as number, c.bgTemp);
    expect(tb).toBeInstanceOf(Float64Array);
    for (const [i, v] of c.tb.entries()) expectClose(tb[i], v, RTOL, 1e-12);
  });
});
