/**
 * Bad inputs through the real bin (a spawned `node bin/stream-density.js`), as a new user
 * would meet them: each exits 2 with one line naming the file, field, row or value, creates
 * no output folder and leaves an existing one untouched. Inputs are validated when loaded
 * (before any fit) and the output location is checked before any work.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { badInputProblems, checkBinFailure, commonBadInvocations } from "@sidereal/runtime";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_GD1 } from "../src/data.js";
import { writeFitsTable } from "./helpers/fits.js";

const BIN = fileURLToPath(new URL("../bin/stream-density.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stream-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const f64 = (name: string, values: number[]) => {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(Float64Array.from(values).buffer));
  return file;
};
const file = (name: string, content: string | Buffer) => {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
};
const gd1 = (name: string, columns: Record<string, number[]>) => {
  const f = join(dir, name);
  writeFitsTable(
    f,
    Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
  );
  return f;
};

// an existing, complete output folder that no failed run may touch
const existing = join(dir, "existing");
mkdirSync(existing);
writeFileSync(join(existing, "marker.txt"), "earlier run\n");
const fileInTheWay = file("a-file", "x");

const CASES: [string, string[], RegExp][] = [
  ["missing input file", ["spline", "--gaussian-data", join(dir, "nope.f64")], /nope\.f64/],
  [
    "unreadable (ragged) 1-D file",
    ["gaussian", "--gaussian-data", file("ragged.f64", Buffer.alloc(12))],
    /ragged\.f64: size 12 bytes is not a multiple of 8/,
  ],
  [
    "truncated FITS file",
    ["gd1", "--gd1-data", file("trunc.fits", readFileSync(BUNDLED_GD1).subarray(0, 9000))],
    /trunc\.fits/,
  ],
  [
    "a required column missing",
    ["gd1", "--gd1-data", gd1("no-phi2.fits", { gd1_phi1: [1, 2] })],
    /no-phi2\.fits \(column gd1_phi2\)/,
  ],
  [
    "NaN in the 1-D data",
    ["spline", "--gaussian-data", f64("nan.f64", [0.1, 0.2, Number.NaN, 0.3])],
    /nan\.f64 \(row 2\): value NaN is not finite/,
  ],
  [
    "non-finite φ₁ in GD-1",
    ["gd1", "--gd1-data", gd1("nan-phi1.fits", { gd1_phi1: [-50, Number.NaN], gd1_phi2: [0, 0] })],
    /nan-phi1\.fits \(column gd1_phi1, row 1\): value NaN is not finite/,
  ],
  [
    "an empty table after the cut",
    ["gd1", "--gd1-data", gd1("cut.fits", { gd1_phi1: [-50, -40], gd1_phi2: [-8, -9] })],
    /cut\.fits: no star passes the cut gd1_phi2 > -7/,
  ],
  [
    "1-D points outside the spline domain",
    ["spline", "--gaussian-data", f64("wide.f64", [0.1, 5])],
    /wide\.f64 \(row 1\): value 5 is outside the spline domain \[-3, 3\]/,
  ],
  [
    "empty 1-D data",
    ["gaussian", "--gaussian-data", f64("empty.f64", [])],
    /empty\.f64: no values/,
  ],
  [
    "config: wrong type",
    ["spline", "--config", file("type.json", JSON.stringify({ chains: "two" }))],
    /chains \(in .*type\.json\): Expected number, got "two"/,
  ],
  [
    "config: unknown key",
    ["spline", "--config", file("key.yaml", "numChains: 2\n")],
    /numChains \(in .*key\.yaml\): unknown key/,
  ],
  [
    "config: negative count",
    ["spline", "--config", file("neg.json", JSON.stringify({ draws: -5 }))],
    /draws \(in .*neg\.json\): Expected a value greater than 0, got -5/,
  ],
  ...commonBadInvocations("spline", fileInTheWay),
];

describe("stream-density: bad inputs through the bin", () => {
  it.each(CASES)(
    "%s → exit 2, one line, nothing written",
    (_name, args, message) => {
      const argv = args.includes("--out") ? args : [...args, "--out", existing];
      const r = checkBinFailure(BIN, argv, [dir]); // the existing folder is inside `dir`
      expect(badInputProblems(r, "stream-density", message)).toEqual([]);
    },
    60_000,
  );
  it("a bare command prints the help and --samples is a deprecated alias of --draws", () => {
    const help = spawnSync(process.execPath, [BIN], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("gd1");
    const alias = checkBinFailure(BIN, ["spline", "--samples", "0", "--out", existing], [dir]);
    expect(alias.code).toBe(2);
    expect(alias.stderrLines[0]).toContain("--samples: Expected a value greater than 0, got 0");
  }, 60_000);
});
