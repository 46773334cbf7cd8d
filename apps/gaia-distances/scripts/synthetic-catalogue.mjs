#!/usr/bin/env node
// Writes a synthetic Gaia-like FITS table (not committed; for scale tests and the benchmark):
//   node scripts/synthetic-catalogue.mjs N OUT.fits [SEED]
// Distances from the EDSD prior with L = 1350 pc (Gamma(3, L): the sum of three exponentials),
// G uniform in [12, 20], parallax error 0.02 · 10^{0.2 (G − 15)} mas (roughly Gaia DR3's
// trend), the L21 inputs of a five-parameter solution (nu_eff in [1.35, 1.65], ecl_lat
// uniform on the sphere) and parallax = 1000/r − 0.02 + N(0, error). Columns are written as a
// FITS BINTABLE (source_id 'K', the rest 'D'; headers from dist/catalogue/fitsHeader.js), big-endian.
import { closeSync, openSync, writeSync } from "node:fs";
import { binTableHeaders, fitsPadding } from "../dist/catalogue/fitsHeader.js";

const [nArg, out, seedArg] = process.argv.slice(2);
const n = Number(nArg);
if (!Number.isInteger(n) || n <= 0 || !out) {
  console.error("usage: synthetic-catalogue.mjs N OUT.fits [SEED]");
  process.exit(2);
}
let state = Number(seedArg ?? 1) >>> 0 || 1;
// mulberry32: a small, fixed, seedable generator (determinism, not quality, matters here)
const uniform = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

const cols = [
  ["source_id", "K"],
  ["ra", "D"],
  ["dec", "D"],
  ["parallax", "D"],
  ["parallax_error", "D"],
  ["phot_g_mean_mag", "D"],
  ["nu_eff_used_in_astrometry", "D"],
  ["pseudocolour", "D"],
  ["ecl_lat", "D"],
  ["astrometric_params_solved", "D"],
];
const headers = binTableHeaders(cols, n);
const fd = openSync(out, "w");
writeSync(fd, headers);
const rowBytes = 8 * cols.length;
const chunkRows = 65536;
const buf = Buffer.alloc(rowBytes * chunkRows);
let written = 0;
for (let start = 0; start < n; start += chunkRows) {
  const m = Math.min(chunkRows, n - start);
  for (let i = 0; i < m; i++) {
    const r = -1350 * Math.log(uniform() * uniform() * uniform());
    const g = 12 + 8 * uniform();
    const err = 0.02 * 10 ** (0.2 * (g - 15));
    const sinB = 2 * uniform() - 1;
    const row = [
      360 * uniform(),
      (Math.asin(2 * uniform() - 1) * 180) / Math.PI,
      1000 / r - 0.02 + err * normal(),
      err,
      g,
      1.35 + 0.3 * uniform(),
      Number.NaN,
      (Math.asin(sinB) * 180) / Math.PI,
      31,
    ];
    const o = i * rowBytes;
    buf.writeBigInt64BE(BigInt(1_000_000_000 + start + i), o);
    for (let k = 0; k < row.length; k++) buf.writeDoubleBE(row[k], o + 8 * (k + 1));
  }
  writeSync(fd, buf, 0, m * rowBytes);
  written += m * rowBytes;
}
writeSync(fd, Buffer.alloc(fitsPadding(written)));
closeSync(fd);
console.log(`${out}: ${n} synthetic stars`);
