// The README example, end to end on a small real cube: simulate, train, posterior, calibrate.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@effect/vitest";
import { Effect } from "effect";
import {
  calibrate,
  defaultCatalogueColumns,
  makeCube,
  posterior,
  readCubeRowsForCatalogue,
  TfBackend,
  train,
} from "../src/index.js";

describe("README example", () => {
  it.effect(
    "simulate → train → posterior → calibrate",
    () =>
      Effect.gen(function* () {
        const dir = mkdtempSync(join(tmpdir(), "nn-readme-"));
        try {
          // 1. A small cube from @sidereal/photometry (agnfinder's 9-D hypercube, Euclid bands).
          const cube = join(dir, "cube.hdf5");
          yield* makeCube(cube, { rows: 400, seed: 0 });
          // 2. Train (the `small` preset shrunk further for a test), checkpoints in model/checkpoints.
          const model = join(dir, "model");
          const trained = yield* train({ cube, out: model, epochs: 1, batch: 64, shape: [16] });
          expect(trained.history.length).toBe(1);
          // 3. Posterior estimates for a catalogue of AB magnitudes (spec §1.7 column names).
          const { bands } = trained.hp;
          const cols = defaultCatalogueColumns(bands);
          const rows = yield* readCubeRowsForCatalogue(cube, 3);
          const header = ["id", ...cols.bands.flatMap((b) => [b.mag, b.err]), "redshift"].join(",");
          const lines = rows.map((maggies, i) =>
            [
              `g${i}`,
              ...maggies.flatMap((m, k) => [
                i === 2 && k === 0 ? "-99" : String(-2.5 * Math.log10(m)),
                "0.05",
              ]),
              i === 1 ? "5" : "0.5",
            ].join(","),
          );
          const catalogue = join(dir, "catalogue.csv");
          writeFileSync(catalogue, `${[header, ...lines].join("\n")}\n`);
          const post = yield* posterior({
            model,
            catalogue,
            out: join(dir, "post"),
            samples: 1000,
            columns: { ...cols, id: "id" },
          });
          expect(post).toMatchObject({
            rows: 3,
            estimated: 2,
            missingBands: 1,
            redshiftOutOfRange: 1,
          });
          const csv = readFileSync(post.file, "utf8").trim().split("\n");
          expect(csv.length).toBe(4); // header + every row, none dropped
          expect(csv[0]?.split(",").length).toBe(4 + 18);
          expect(csv[3]?.startsWith("g2,missing_bands,u_sloan,false")).toBe(true);
          // 4. Calibration on the held-out rows of the model's own split.
          const cal = yield* calibrate({ model, cube, out: join(dir, "cal"), samples: 100 });
          const coverage = JSON.parse(readFileSync(join(dir, "cal", "coverage.json"), "utf8"));
          expect(Object.keys(coverage)).toEqual(trained.hp.columns);
          expect(coverage.redshift.n).toBe(80); // 20 % of 400
          expect(cal.rows).toBe(80);
          expect(readFileSync(join(dir, "cal", "calibration.svg"), "utf8")).toContain("<svg");
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }).pipe(Effect.provide(TfBackend.layer())),
    120_000,
  );
});
