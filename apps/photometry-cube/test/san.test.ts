/**
 * The SAN commands through the real bin on a tiny cube (2,000 rows, `sim`), one epoch:
 * `train` (checkpoint per epoch, resume into the same folder), `posterior` on CSV and FITS
 * catalogues made from cube rows (spec §1.7 columns, missing bands and out-of-range redshifts
 * kept on their rows), `calibrate` (coverage.json on the held-out rows), and bad inputs
 * (exit 2, one line naming the file, column, row or flag).
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultCatalogueColumns } from "@sidereal/nn";
import { FREE_PARAM_COLUMNS as CUBE_COLUMNS, THETA_COLUMNS } from "@sidereal/photometry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitsTable } from "./fits-writer.js";
import { cubeIn, readWholeCube, runBin } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "photometry-san-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (...p: string[]) => join(dir, ...p);

let cube = "";
let trainErr = "";
const model = at("model");
const CATALOGUE_ROWS = 6;

/** Catalogue columns (spec §1.7) of rows of the cube: magnitudes, 0.05 mag errors, redshift. */
async function catalogueColumns() {
  const { info, rows } = await readWholeCube(cube);
  const F = info.layout.bands.length;
  const D = info.layout.columns.length;
  const spec = defaultCatalogueColumns(info.layout.bands);
  const zj = info.layout.columns.indexOf("redshift");
  const cols: { name: string; values: number[] }[] = [];
  spec.bands.forEach((b, f) => {
    const mags = Array.from({ length: CATALOGUE_ROWS }, (_, r) => {
      const m = -2.5 * Math.log10(rows.simulatedY[r * F + f]);
      return m;
    });
    cols.push({ name: b.mag, values: mags });
    cols.push({ name: b.err, values: mags.map(() => 0.05) });
  });
  cols.push({
    name: "redshift",
    values: Array.from({ length: CATALOGUE_ROWS }, (_, r) => rows.theta[r * D + zj]),
  });
  // row 1 misses its first band (the catalogue's −99 convention); row 2 has z = 5
  cols[0].values[1] = -99;
  cols[cols.length - 1].values[2] = 5;
  return cols;
}

const csvOf = (cols: { name: string; values: (number | string)[] }[]) =>
  `${[
    cols.map((c) => c.name).join(","),
    ...cols[0].values.map((_, r) => cols.map((c) => String(c.values[r])).join(",")),
  ].join("\n")}\n`;

beforeAll(() => {
  const sim = runBin([
    "sim",
    "--n",
    "2000",
    "--workers",
    "1",
    "--seed",
    "3",
    "--out",
    at("cube"),
    "--quiet",
  ]);
  expect(sim.code, sim.err).toBe(0);
  cube = cubeIn(at("cube"));
  const train = runBin([
    "train",
    "--cube",
    cube,
    "--out",
    model,
    "--epochs",
    "1",
    "--batch",
    "256",
  ]);
  expect(train.code, train.err).toBe(0);
  trainErr = train.err;
}, 240_000);

describe("train", () => {
  it("reports the loss and samples/s per epoch and writes a checkpoint and the model", () => {
    expect(trainErr).toMatch(
      /epoch 1\/1: train loss -?\d+\.\d+, held-out loss -?\d+\.\d+, \d+ samples\/s/,
    );
    expect(readdirSync(join(model, "checkpoints"))).toEqual(["epoch-0001"]);
    for (const f of ["model.json", "weights.bin", "hyperparameters.json"])
      expect(existsSync(join(model, f))).toBe(true);
    const hp = JSON.parse(readFileSync(join(model, "hyperparameters.json"), "utf8"));
    expect(hp.config.trainFraction).toBe(0.8);
    expect(hp.data.rows).toBe(2000);
  });

  it("resumes from the latest checkpoint when run again into the same folder", () => {
    const again = at("model-resume");
    const a = runBin([
      "train",
      "--cube",
      cube,
      "--out",
      again,
      "--epochs",
      "1",
      "--batch",
      "256",
      "--quiet",
    ]);
    expect(a.code, a.err).toBe(0);
    const first = JSON.parse(
      readFileSync(join(again, "checkpoints/epoch-0001/state.json"), "utf8"),
    );
    const b = runBin([
      "train",
      "--cube",
      cube,
      "--out",
      again,
      "--epochs",
      "2",
      "--batch",
      "256",
      "--lr-decay",
      "0.5",
      "--freeze-bn-epochs",
      "1",
    ]);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/resumed from epoch 1/);
    expect(b.err).not.toMatch(/epoch 1\/2/);
    const state = JSON.parse(
      readFileSync(join(again, "checkpoints/epoch-0002/state.json"), "utf8"),
    );
    // the first epoch's record is the one the first run wrote; the second ran at lr·0.5
    expect(state.history[0]).toEqual(first.history[0]);
    expect(state.history[1].learningRate).toBeCloseTo(2e-3 * 0.5, 12);
    // --freeze-bn-epochs reaches the configuration (nn's san.test.ts checks its effect)
    const hp = JSON.parse(readFileSync(join(again, "hyperparameters.json"), "utf8"));
    expect(hp.config.frozenBatchNormEpochs).toBe(1);
  });
});

describe("posterior", () => {
  let csvLines: string[] = [];
  let catalogue: string[][] = [];
  beforeAll(async () => {
    const cols = await catalogueColumns();
    writeFileSync(at("catalogue.csv"), csvOf(cols));
    writeFileSync(
      at("catalogue.fits"),
      fitsTable(cols.map((c) => ({ name: c.name, kind: "float64" as const, values: c.values }))),
    );
    const r = runBin([
      "posterior",
      "--model",
      model,
      "--catalogue",
      at("catalogue.csv"),
      "--out",
      at("post-csv"),
      "--samples",
      "2000",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/1 rows not estimated \(missing bands/);
    expect(r.err).toMatch(
      /rows with a redshift outside \(0\.01, 4\), estimated and flagged: .*\b2\b/,
    );
    csvLines = readFileSync(at("post-csv", "estimates.csv"), "utf8").trim().split("\n");
    catalogue = readFileSync(at("catalogue.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
  }, 120_000);

  it("writes one line per catalogue row, flags kept on their rows, estimates ordered", () => {
    const header = csvLines[0].split(",");
    expect(header.slice(0, 4)).toEqual(["id", "status", "missing_bands", "redshift_out_of_range"]);
    expect(header).toContain("mass_median");
    expect(csvLines).toHaveLength(CATALOGUE_ROWS + 1);
    const rows = csvLines.slice(1).map((l) => l.split(","));
    expect(rows[1].slice(0, 3)).toEqual(["1", "missing_bands", "DES_g"]);
    expect(rows[1].slice(4).every((v) => v === "")).toBe(true);
    expect(rows[2].slice(1, 4)).toEqual(["ok", "", "true"]);
    // the cube reaches z = 6: every row's flag follows its own redshift
    const z = catalogue.map((line) => Number(line[line.length - 1]));
    rows.forEach((r, i) => {
      expect(r[3]).toBe(String(!(z[i] > 0.01 && z[i] < 4)));
    });
    const col = (name: string) => header.indexOf(name);
    for (const r of [0, 2, 3, 4, 5]) {
      expect(rows[r][1]).toBe("ok");
      for (const p of THETA_COLUMNS) {
        const q16 = Number(rows[r][col(`${p}_q16`)]);
        const med = Number(rows[r][col(`${p}_median`)]);
        const q84 = Number(rows[r][col(`${p}_q84`)]);
        expect(Number.isFinite(med)).toBe(true);
        // the model's own recalibration (fitted on 200 rows of a one-epoch model) may move the
        // interval off the median; its ends stay ordered (nominal ordering: the --nominal test)
        expect(q16).toBeLessThanOrEqual(q84);
      }
    }
  });

  it("writes the same estimates to estimates.hdf5", async () => {
    const h5wasm = (await import("h5wasm/node")).default;
    await h5wasm.ready;
    const f = new h5wasm.File(at("post-csv", "estimates.hdf5"), "r");
    try {
      const median = (f.get("estimates/median") as { value: Float64Array }).value;
      const status = (f.get("estimates/status") as { value: string[] }).value;
      expect(status).toEqual(csvLines.slice(1).map((l) => l.split(",")[1]));
      const header = csvLines[0].split(",");
      const row0 = csvLines[1].split(",");
      const D = THETA_COLUMNS.length;
      THETA_COLUMNS.forEach((p, j) => {
        expect(median[j]).toBe(Number(row0[header.indexOf(`${p}_median`)]));
      });
      expect(Number.isNaN(median[D])).toBe(true); // row 1: not estimated
    } finally {
      f.close();
    }
  });

  it("reads a FITS catalogue to the same estimates as the CSV", () => {
    const r = runBin([
      "posterior",
      "--model",
      model,
      "--catalogue",
      at("catalogue.fits"),
      "--out",
      at("post-fits"),
      "--samples",
      "2000",
      "--quiet",
    ]);
    expect(r.code, r.err).toBe(0);
    const fits = readFileSync(at("post-fits", "estimates.csv"), "utf8").trim().split("\n");
    expect(fits).toEqual(csvLines);
  });
});

describe("calibrate", () => {
  it("writes coverage.json on the held-out rows and the calibration plot", () => {
    const r = runBin([
      "calibrate",
      "--model",
      model,
      "--cube",
      cube,
      "--out",
      at("cal"),
      "--rows",
      "100",
      "--samples",
      "200",
    ]);
    expect(r.code, r.err).toBe(0);
    const coverage = JSON.parse(readFileSync(at("cal", "coverage.json"), "utf8"));
    expect(Object.keys(coverage)).toHaveLength(9);
    for (const v of Object.values(coverage) as { c68: number; c95: number; n: number }[]) {
      expect(v.n).toBe(100);
      expect(v.c68).toBeGreaterThanOrEqual(0);
      expect(v.c95).toBeGreaterThanOrEqual(v.c68);
      expect(v.c95).toBeLessThanOrEqual(1);
    }
    expect(readFileSync(at("cal", "calibration.svg"), "utf8")).toMatch(/<svg[\s\S]*log_mass/);
    expect(r.err).toMatch(/100 held-out rows of a 2000-row cube/);
  });
});

describe("recalibrate", () => {
  it("posterior puts q16/q84 at the model's recalibrated levels; --nominal at 16/84 %", () => {
    const rec = at("model-post-rec");
    cpSync(model, rec, { recursive: true });
    // a table (keyed by the cube's column names) that narrows redshift's (zred's) intervals: G⁻¹(p) = 0.25 + 0.5 p, so the 68 % interval
    // is taken between the 33 % and 67 % sample quantiles; the other columns stay nominal
    const grid = Array.from({ length: 201 }, (_, i) => i / 200);
    const pitQuantiles: Record<string, number[]> = {};
    for (const c of CUBE_COLUMNS) pitQuantiles[c] = grid;
    pitQuantiles.redshift = grid.map((p) => 0.25 + 0.5 * p);
    writeFileSync(
      join(rec, "recalibration.json"),
      JSON.stringify({
        format: "sidereal-san-recalibration/1",
        columns: [...CUBE_COLUMNS],
        pitQuantiles,
        rows: 10,
        samples: 10,
        seed: 0,
      }),
    );
    const post = (out: string, extra: string[]) => {
      const r = runBin([
        "posterior",
        "--model",
        rec,
        "--catalogue",
        at("catalogue.csv"),
        "--out",
        at(out),
        "--samples",
        "2000",
        ...extra,
      ]);
      expect(r.code, r.err).toBe(0);
      const [head, ...rows] = readFileSync(at(out, "estimates.csv"), "utf8").trim().split("\n");
      const header = head.split(",");
      return {
        err: r.err,
        value: (row: number, name: string) => Number(rows[row].split(",")[header.indexOf(name)]),
      };
    };
    const recal = post("post-rec", []);
    const nominal = post("post-nom", ["--nominal"]);
    expect(recal.err).toMatch(/recalibrated levels of .*recalibration\.json/);
    expect(nominal.err).not.toMatch(/recalibrated levels/);
    for (const row of [0, 3, 4]) {
      expect(recal.value(row, "zred_median")).toBe(nominal.value(row, "zred_median"));
      expect(recal.value(row, "zred_q16")).toBeGreaterThan(nominal.value(row, "zred_q16"));
      expect(recal.value(row, "zred_q84")).toBeLessThan(nominal.value(row, "zred_q84"));
      expect(recal.value(row, "mass_q16")).toBeCloseTo(nominal.value(row, "mass_q16"), 12);
      for (const p of THETA_COLUMNS) {
        expect(nominal.value(row, `${p}_q16`)).toBeLessThanOrEqual(
          nominal.value(row, `${p}_median`),
        );
        expect(nominal.value(row, `${p}_median`)).toBeLessThanOrEqual(
          nominal.value(row, `${p}_q84`),
        );
      }
    }
  }, 120_000);

  it("fits recalibration.json on the last held-out rows; calibrate leaves them out and reports both", () => {
    const rec = at("model-rec");
    cpSync(model, rec, { recursive: true });
    const r = runBin([
      "recalibrate",
      "--model",
      rec,
      "--cube",
      cube,
      "--rows",
      "100",
      "--samples",
      "100",
    ]);
    expect(r.code, r.err).toBe(0);
    const table = JSON.parse(readFileSync(join(rec, "recalibration.json"), "utf8"));
    expect(table.rows).toBe(100);
    expect(Object.keys(table.pitQuantiles)).toHaveLength(9);
    expect(r.err).toMatch(/fitted on the last 100 held-out rows of a 2000-row cube/);
    // 2,000 rows, split 0.8: 400 held out, the last 100 fit, so at most 300 are evaluated.
    const c = runBin(["calibrate", "--model", rec, "--cube", cube, "--out", at("cal-rec")]);
    expect(c.code, c.err).toBe(0);
    const coverage = JSON.parse(readFileSync(at("cal-rec", "coverage.json"), "utf8"));
    for (const v of Object.values(coverage) as Record<string, number>[]) {
      expect(v.n).toBe(300);
      expect(v.c68Raw).toBeGreaterThanOrEqual(0);
      expect(v.c95Raw).toBeLessThanOrEqual(1);
    }
    expect(c.err).toMatch(/left out here/);
    // --nominal ignores the table: all 400 held-out rows, no raw fields.
    const n = runBin([
      "calibrate",
      "--model",
      rec,
      "--cube",
      cube,
      "--out",
      at("cal-nom"),
      "--nominal",
      "--samples",
      "100",
    ]);
    expect(n.code, n.err).toBe(0);
    const nominal = JSON.parse(readFileSync(at("cal-nom", "coverage.json"), "utf8"));
    expect(nominal.redshift.n).toBe(400);
    expect(nominal.redshift.c68Raw).toBeUndefined();
  });

  it("train fits one by default (at most half the held-out rows) and drops a stale one when it saves new weights", () => {
    expect(trainErr).toMatch(/recalibration fitted on the last 200 held-out rows/);
    expect(existsSync(join(model, "recalibration.json"))).toBe(true);
    const rec = at("model-stale");
    cpSync(model, rec, { recursive: true });
    const r = runBin([
      "train",
      "--cube",
      cube,
      "--out",
      rec,
      "--epochs",
      "2",
      "--batch",
      "256",
      "--recalibrate-rows",
      "0",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/resumed from epoch 1/);
    expect(existsSync(join(rec, "recalibration.json"))).toBe(false);
  });
});

describe("compare", () => {
  it("runs SAN and NUTS on a held-out row and writes the table and the corner plot", () => {
    const r = runBin([
      "compare",
      "--model",
      model,
      "--cube",
      cube,
      "--out",
      at("cmp"),
      "--row",
      "3",
      "--samples",
      "500",
      "--chains",
      "2",
      "--warmup",
      "15",
      "--draws",
      "10",
      "--max-tree-depth",
      "3",
      "--gradient",
      "forward",
      "--quiet",
    ]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(at("cmp", "compare.json"), "utf8"));
    expect(report.heldOutRow).toBe(3);
    // the command's forward model is the cube's: the true θ gives back the cube's maggies
    expect(report.forwardReproduction).toBeLessThan(1e-6);
    expect(report.params.map((p: { name: string }) => p.name)).toEqual(
      JSON.parse(readFileSync(join(model, "hyperparameters.json"), "utf8")).columns,
    );
    for (const p of report.params) {
      expect(p.san.q16).toBeLessThanOrEqual(p.san.median);
      expect(p.nuts.q16).toBeLessThanOrEqual(p.nuts.median);
      expect(p.nuts.median).toBeLessThanOrEqual(p.nuts.q84);
    }
    expect(readFileSync(at("cmp", "compare.csv"), "utf8").split("\n")[0]).toMatch(
      /^parameter,truth,san_median/,
    );
    expect(readFileSync(at("cmp", "corner.svg"), "utf8")).toMatch(/NUTS \(2 × 10 draws\)/);
  });
});

describe("bad inputs: exit 2, one line naming the culprit", () => {
  const oneLine = (err: string) =>
    err
      .trim()
      .split("\n")
      .filter((l) => !l.includes("level="))
      .join("\n");

  it("a catalogue without a band's column", () => {
    const text = readFileSync(at("catalogue.csv"), "utf8").replace("mag_auto_g,", "g_mag,");
    writeFileSync(at("no-g.csv"), text);
    const r = runBin([
      "posterior",
      "--model",
      model,
      "--catalogue",
      at("no-g.csv"),
      "--out",
      at("x1"),
    ]);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toMatch(/no-g\.csv \(column mag_auto_g\): missing column/);
    expect(existsSync(at("x1"))).toBe(false);
  });

  it("a catalogue cell that is not a number", () => {
    const lines = readFileSync(at("catalogue.csv"), "utf8").trim().split("\n");
    const cells = lines[4].split(",");
    cells[2] = "abc";
    lines[4] = cells.join(",");
    writeFileSync(at("abc.csv"), `${lines.join("\n")}\n`);
    const r = runBin([
      "posterior",
      "--model",
      model,
      "--catalogue",
      at("abc.csv"),
      "--out",
      at("x2"),
    ]);
    expect(r.code).toBe(2);
    const name = lines[0].split(",")[2];
    expect(oneLine(r.err)).toContain(
      `abc.csv (column ${name}, row 3): value "abc" is not a number`,
    );
  });

  it("a model folder without a model, a bad --shape, calibrating on another cube", () => {
    const m = runBin([
      "posterior",
      "--model",
      dir,
      "--catalogue",
      at("catalogue.csv"),
      "--out",
      at("x3"),
    ]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/--model: .* holds no trained model/);
    const s = runBin(["train", "--cube", cube, "--out", at("x4"), "--shape", "64,x"]);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/--shape: "64,x" is not a comma-separated list/);
    const l = runBin([
      "train",
      "--cube",
      cube,
      "--out",
      at("x5"),
      "--lr-decay",
      "1.5",
      "--epochs",
      "1",
    ]);
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/--lr-decay: 1.5: must lie in \(0, 1\]/);
    writeFileSync(at("not-a-cube.hdf5"), "not hdf5");
    const c = runBin([
      "calibrate",
      "--model",
      model,
      "--cube",
      at("not-a-cube.hdf5"),
      "--out",
      at("x6"),
    ]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/not-a-cube\.hdf5/);
  });
});
