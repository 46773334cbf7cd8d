/**
 * exp(−c2 ν_k / T) on a fine wavenumber grid with one `exp` per block of 32 wavenumbers:
 * a_k = a_{j0} exp(−ε_k), ε_k = (c2 ν_k − c2 ν_{j0})/T, j0 = k rounded down to a multiple
 * of 32, and exp(−ε) from its degree-5 Taylor polynomial, whose truncation error ε⁶/720 is
 * below 1e-17 for ε < 4e-3 (the seed's grid at 500 K: ε < 4e-4). When a grid is too coarse
 * (or T too low) for that bound, every wavenumber takes `exp`.
 */
import { HC_PER_K } from "../constants.js";

const BLOCK = 32;
const TAYLOR_MAX = 4e-3;

export class BoltzmannFactors {
  private readonly c2nu: Float64Array;
  private readonly offset: Float64Array;
  private readonly offsetMax: number;

  constructor(nuGrid: Float64Array) {
    const c2 = HC_PER_K;
    this.c2nu = nuGrid.map((v) => c2 * v);
    this.offset = nuGrid.map((v, k) => c2 * v - c2 * nuGrid[k - (k % BLOCK)]);
    this.offsetMax = this.offset.reduce((m, v) => Math.max(m, v), 0);
  }

  /** out[k] = exp(−c2 ν_k / t). */
  at(t: number, out: Float64Array): void {
    const n = this.c2nu.length;
    const it = 1 / t;
    const { c2nu, offset } = this;
    if (!(this.offsetMax * it < TAYLOR_MAX)) {
      for (let k = 0; k < n; k++) out[k] = Math.exp(-c2nu[k] * it);
      return;
    }
    let base = 0;
    for (let k = 0; k < n; k++) {
      if (k % BLOCK === 0) base = Math.exp(-c2nu[k] * it);
      const e = offset[k] * it;
      out[k] = base * (1 - e * (1 - e * (0.5 - e * (1 / 6 - e * (1 / 24 - e * (1 / 120))))));
    }
  }

  /**
   * out[k] = exp(−c2 ν_k / t) for the listed k only (ascending), each the same number as
   * {@link at} gives: a block's base `exp` is taken at the block's first wavenumber.
   */
  atIndices(t: number, ks: Int32Array, out: Float64Array): void {
    const it = 1 / t;
    const { c2nu, offset } = this;
    if (!(this.offsetMax * it < TAYLOR_MAX)) {
      for (let r = 0; r < ks.length; r++) out[ks[r]] = Math.exp(-c2nu[ks[r]] * it);
      return;
    }
    let block = -1;
    let base = 0;
    for (let r = 0; r < ks.length; r++) {
      const k = ks[r];
      const k0 = k - (k % BLOCK);
      if (k0 !== block) {
        block = k0;
        base = Math.exp(-c2nu[k0] * it);
      }
      const e = offset[k] * it;
      out[k] = base * (1 - e * (1 - e * (0.5 - e * (1 / 6 - e * (1 / 24 - e * (1 / 120))))));
    }
  }
}
