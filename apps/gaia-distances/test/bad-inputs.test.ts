/**
 * Bad inputs through the real bin (a spawned `node bin/gaia-distances.js`), as a new user
 * would meet them: each exits 2 with one line naming the file, field, row or value, creates
 * no output folder and leaves an existing one untouched. Inputs are validated when loaded
 * and the output location is checked before any work.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { badInputProblems, checkBinFailure, commonBadInvocations } from "@sidereal/runtime";
import { afterAll, describe, expect, it } from "vitest";
import { M67_COLUMNS } from "../src/data.js";
import { writeFitsTable } from "./helpers/fits.js";

const BIN = fileURLToPath(new URL("../bin/gaia-distances.js", import.meta.url));
const BUNDLED = fileURLToPath(new URL("../data/m67.fits.gz", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "gaia-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A FITS catalogue of `n` stars with every column the pipeline reads; `edit` changes some. */
function catalogue(name: string, edit: (cols: Record<string, number[]>) => void = () => {}) {
  const n = 5;
  const cols: Record<string, number[]> = Object.fromEntries(
    M67_COLUMNS.map((c) => [c, Array.from({ length: n }, () => 1)]),
  );
  cols.parallax = [1.1, 1.2, 1.3, 1.4, 1.5];
  cols.parallax_error = [0.1, 0.1, 0.1, 0.1, 0.1];
  cols.phot_g_mean_mag = cols.phot_g_mean_mag.map(() => 15);
  cols.nu_eff_used_in_astrometry = cols.nu_eff_used_in_astrometry.map(() => 1.5);
  cols.astrometric_params_solved = cols.astrometric_params_solved.map(() => 31);
  edit(cols);
  const file = join(dir, name);
  writeFitsTable(file, cols);
  return file;
}

const json = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};

// an existing, complete output folder that no failed run may touch
const existing = join(dir, "existing");
mkdirSync(existing);
writeFileSync(join(existing, "marker.txt"), "earlier run\n");
const fileInTheWay = json("a-file", "x");

const truncated = join(dir, "truncated.fits");
writeFileSync(truncated, gunzipSync(readFileSync(BUNDLED)).subarray(0, 20_000));

const CASES: [string, string[], RegExp][] = [
  ["missing input file", ["m67", "--data", join(dir, "nope.fits")], /nope\.fits/],
  ["truncated FITS file", ["m67", "--data", truncated], /truncated\.fits.*(truncated|ends)/i],
  [
    "a required column missing",
    ["m67", "--data", catalogue("no-err.fits", (c) => delete c.parallax_error)],
    /no-err\.fits \(column parallax_error\)/,
  ],
  [
    "zero parallax error",
    ["m67", "--data", catalogue("zero-err.fits", (c) => (c.parallax_error[2] = 0))],
    /zero-err\.fits \(column parallax_error, row 2\): value 0 must be > 0/,
  ],
  [
    "negative parallax error",
    ["single", "--data", catalogue("neg-err.fits", (c) => (c.parallax_error[4] = -0.5))],
    /neg-err\.fits \(column parallax_error, row 4\): value -0.5 must be > 0/,
  ],
  [
    "NaN errors everywhere: an empty table after the cuts",
    ["m67", "--data", catalogue("nan-err.fits", (c) => c.parallax_error.fill(Number.NaN))],
    /nan-err\.fits: no star passes the cuts/,
  ],
  [
    "an empty table after the cuts",
    ["m67", "--config", json("cuts.json", { cuts: { parallaxMin: 500, parallaxMax: 600 } })],
    /no star passes the cuts 500 < parallax < 600/,
  ],
  [
    "line data: NaN (null) in yerr",
    ["outliers", "--data", json("null-yerr.json", { x: [1, 2], y: [1, 2], yerr: [1, null] })],
    /null-yerr\.json \(column yerr, row 1\): value null is not a number/,
  ],
  [
    "line data: zero yerr",
    ["outliers", "--data", json("zero-yerr.json", { x: [1, 2], y: [1, 2], yerr: [0, 1] })],
    /zero-yerr\.json \(column yerr, row 0\): value 0 must be > 0/,
  ],
  [
    "line data: the JSON null",
    ["outliers", "--data", json("null.json", "null")],
    /null\.json: expected a JSON object of columns/,
  ],
  [
    "line data: empty",
    ["outliers", "--data", json("empty.json", { x: [], y: [], yerr: [] })],
    /empty\.json \(column x\): no rows/,
  ],
  [
    "config: wrong type",
    ["m67", "--config", json("type.json", { chains: "two" })],
    /chains \(in .*type\.json\): Expected number, got "two"/,
  ],
  [
    "config: unknown key",
    ["m67", "--config", json("key.yaml", "chainz: 2\n")],
    /chainz \(in .*key\.yaml\): unknown key/,
  ],
  [
    "config: negative count",
    ["m67", "--config", json("neg.json", { draws: -5 })],
    /draws \(in .*neg\.json\): Expected a value greater than 0, got -5/,
  ],
  ...commonBadInvocations("m67", fileInTheWay),
];

describe("gaia-distances: bad inputs through the bin", () => {
  it.each(CASES)(
    "%s → exit 2, one line, nothing written",
    (_name, args, message) => {
      const argv = args.includes("--out") ? args : [...args, "--out", existing];
      const r = checkBinFailure(BIN, argv, [dir]); // the existing folder is inside `dir`
      expect(badInputProblems(r, "gaia-distances", message)).toEqual([]);
    },
    60_000,
  );
});
