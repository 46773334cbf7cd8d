/**
 * Bad inputs through the real bin (a spawned `node bin/photometry-cube.js`), as a user meets
 * them: each exits 2 with one line naming the file, field, row or value, and writes nothing
 * (no output file or folder, no work folder). A bare command prints the help (exit 0).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulationFiles } from "@sidereal/photometry-data";
import { afterAll, describe, expect, it } from "vitest";
import { runBin, runBinAsync } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "photometry-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// a small valid θ table (three rows of the validation set), then broken copies
const source = readFileSync(simulationFiles.testcubeEffectiveParams, "utf8").split("\n");
const header = source[0].split(",");
const good = source.slice(0, 4);
const edit = (name: string, row: number, column: string, value: string) => {
  const lines = good.map((l) => l.split(","));
  lines[row + 1][header.indexOf(column)] = value;
  return file(name, `${lines.map((l) => l.join(",")).join("\n")}\n`);
};
const valid = file("theta.csv", `${good.join("\n")}\n`);
const truncated = file("truncated.csv", `${good.join("\n").slice(0, -40)}\n`);
const noColumn = file(
  "no-ebv.csv",
  `${good
    .map((l) =>
      l
        .split(",")
        .filter((_, j) => header[j] !== "agn_eb_v")
        .join(","),
    )
    .join("\n")}\n`,
);
const nan = edit("nan.csv", 1, "dust2", "NaN");
const negativeMass = edit("neg-mass.csv", 2, "mass", "-5");
const aFile = file("a-file", "x");
const badConfig = file("bad.json", JSON.stringify({ design: "sobol" }));
const unknownKey = file("unknown.json", JSON.stringify({ nSamples: 10 }));
const badFreeParams = file(
  "bad-fp.yaml",
  "freeParams:\n  redshift: [6, 0]\n  log_mass: [8, 12]\n  dust2: [0, 2]\n  tage: [0.001, 13.8]\n  log_tau: [-1, 1.4]\n  log_agn_mass: [-7, 1]\n  agn_eb_v: [0, 0.5]\n  log_agn_torus_mass: [-7, 1]\n  inclination: [0, 90]\n",
);
const notJson = file("broken.json", "{ n: ");
const truncatedCube = join(dir, "truncated.hdf5");
writeFileSync(truncatedCube, readFileSync(simulationFiles.testcube).subarray(0, 3000));

const out = join(dir, "out");
const outCsv = join(dir, "out.csv");
const fwd = (...a: string[]) => ["forward", "--theta", valid, "--out", outCsv, ...a];
const sim = (...a: string[]) => ["sim", "--n", "10", "--workers", "1", "--out", out, ...a];

const CASES: [string, string[], RegExp][] = [
  [
    "forward: missing θ file",
    ["forward", "--theta", join(dir, "nope.csv"), "--out", outCsv],
    /nope\.csv: no such file/,
  ],
  [
    "forward: truncated θ file",
    ["forward", "--theta", truncated, "--out", outCsv],
    /truncated\.csv \(row 2\): \d+ fields where the header has 19/,
  ],
  [
    "forward: missing column",
    ["forward", "--theta", noColumn, "--out", outCsv],
    /no-ebv\.csv \(column agn_eb_v\): missing column/,
  ],
  [
    "forward: NaN",
    ["forward", "--theta", nan, "--out", outCsv],
    /nan\.csv \(column dust2, row 1\): value "NaN" is not a finite number/,
  ],
  [
    "forward: negative mass",
    ["forward", "--theta", negativeMass, "--out", outCsv],
    /neg-mass\.csv \(column mass, row 2\): value -5/,
  ],
  ["forward: unknown flag", fwd("--bogus"), /unknown flag --bogus/],
  ["forward: extra positional argument", fwd("extra.csv"), /unexpected argument extra\.csv/],
  ["forward: unknown filter set", fwd("--filters", "SDSS"), /--filters/],
  [
    "forward: empty --out",
    ["forward", "--theta", valid, "--out", ""],
    /--out: the output file is an empty path/,
  ],
  [
    "forward: output under a file",
    ["forward", "--theta", valid, "--out", join(aFile, "x.csv")],
    /--out: .*a-file\/x\.csv is under .*a-file, which is a file/,
  ],
  [
    "forward: output under /proc",
    ["forward", "--theta", valid, "--out", "/proc/x.csv"],
    /--out: .*under \/proc/,
  ],
  [
    "forward: invalid config value",
    ["forward", "--config", badConfig, "--out", outCsv],
    /bad\.json/,
  ],
  ["forward: config file that is not JSON", ["forward", "--config", notJson], /broken\.json/],
  ["sim: --n 0", ["sim", "--n", "0", "--out", out], /--n/],
  [
    "sim: more workers than samples",
    ["sim", "--n", "3", "--workers", "5", "--out", out],
    /--workers: 5 workers for 3 samples/,
  ],
  ["sim: unknown design", sim("--design", "sobol"), /--design/],
  [
    "sim: unknown key in the config",
    sim("--config", unknownKey),
    /nSamples.*unknown\.json|unknown\.json.*nSamples/,
  ],
  [
    "sim: invalid hypercube in the config",
    sim("--config", badFreeParams),
    /redshift.*lo \(6\) must be below hi \(0\)/,
  ],
  ["sim: empty --out", ["sim", "--n", "10", "--out", ""], /--out/],
  [
    "sim: output under a file",
    ["sim", "--n", "10", "--out", join(aFile, "cube")],
    /--out: .*which is a file/,
  ],
  ["sim: output under /proc", ["sim", "--n", "10", "--out", "/proc/cube"], /--out: .*under \/proc/],
  ["sim: extra positional argument", sim("more"), /unexpected argument more/],
  [
    "inspect: missing file",
    ["inspect", join(dir, "nope.hdf5"), "--out", out],
    /nope\.hdf5: no such file/,
  ],
  [
    "inspect: truncated file",
    ["inspect", truncatedCube, "--out", out],
    /truncated\.hdf5: truncated: 3000 bytes of the \d+ its superblock declares/,
  ],
  [
    "inspect: extra positional argument",
    ["inspect", truncatedCube, "more", "--out", out],
    /unexpected argument more/,
  ],
  ["inspect: not an HDF5 file", ["inspect", valid, "--out", out], /theta\.csv: not an HDF5 file/],
  ["inspect: output under /proc", ["inspect", truncatedCube, "--out", "/proc/x"], /under \/proc/],
  ["unknown command", ["simulate"], /unknown command "simulate"/],
];

// the cases run concurrently (each spawns the bin); none may write anything into `dir`
const before = readdirSync(dir).sort();

describe.concurrent("bad inputs exit 2 with one line and write nothing", () => {
  it.each(CASES)("%s", async (_name, args, message) => {
    const r = await runBinAsync(args);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^photometry-cube: /);
    expect(lines[0]).toMatch(message);
    expect(r.out).toBe("");
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(out) || existsSync(outCsv)).toBe(false);
  });
});

describe("help and the control case", () => {
  it("a bare command prints the help and exits 0", () => {
    const r = runBin([]);
    expect(r.code).toBe(0);
    for (const c of ["sim", "forward", "inspect"]) expect(r.out).toContain(c);
  });

  it("forward writes the file for a valid table (the control case)", () => {
    const ok = join(dir, "ok", "out.csv");
    const r = runBin(["forward", "--theta", valid, "--out", ok, "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(ok, "utf8").split("\n")[0]).toContain("maggies_VISTA_Y");
  });
});
