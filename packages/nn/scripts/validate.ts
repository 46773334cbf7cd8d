/**
 * Statistical validation of the SAN (not part of `npm test`): simulate a cube with
 * @sidereal/photometry into a temporary folder (or reuse `--cube FILE`), train the small
 * default (or `--preset agnfinder`), recalibrate on the last `--recal-rows` held-out rows
 * (0 skips it; README "Why redshift over-covers"), then calibrate on other held-out rows and
 * write `validation/results.json` with the coverage per parameter, n and the cube size.
 * Also reports tfjs-node-gpu: run where it is installed and CUDA exists, skipped with a message
 * otherwise.
 *
 *   node scripts/validate.ts [--rows 100000] [--cube FILE] [--epochs N] [--recal-rows 2000] [--cal-rows 1000] [--cal-samples 300]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { calibrate, makeCube, recalibrate, selectBackend, TfBackend, train } from "@sidereal/nn";
import { Effect } from "effect";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    cube: { type: "string" },
    out: { type: "string" },
    epochs: { type: "string" },
    preset: { type: "string", default: "small" },
    "recal-rows": { type: "string", default: "2000" },
    "cal-rows": { type: "string", default: "1000" },
    "cal-samples": { type: "string", default: "300" },
    backend: { type: "string" },
  },
});
const work = values.out ?? mkdtempSync(join(tmpdir(), "san-validate-"));
const rows = Number(values.rows);
const cube = values.cube ?? join(work, "cube.hdf5");
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

// tfjs-node-gpu: only where it is installed and CUDA loads.
const gpu = await Effect.runPromise(
  selectBackend(["tensorflow-gpu"]).pipe(
    Effect.map((b) => `tfjs-node-gpu loaded: ${b.device}`),
    Effect.catch((e) => Effect.succeed(`tfjs-node-gpu skipped: ${e.tried[0]?.reason ?? e.reason}`)),
  ),
);
log(gpu);

const t0 = performance.now();
if (values.cube === undefined) {
  log(`simulating ${rows} rows into ${cube}`);
  await Effect.runPromise(
    makeCube(cube, { rows, seed: 0, onProgress: (d, n) => d % 20000 === 0 && log(`  ${d}/${n}`) }),
  );
}
const simSeconds = (performance.now() - t0) / 1000;
const prefer = values.backend === undefined ? undefined : [values.backend as "wasm" | "cpu"];
const layer = TfBackend.layer(prefer === undefined ? {} : { prefer });
const model = join(work, "model");
const t1 = performance.now();
const trained = await Effect.runPromise(
  Effect.gen(function* () {
    const b = yield* TfBackend;
    log(`backend ${b.info.name}: ${b.info.device}`);
    return yield* train({
      cube,
      out: model,
      preset: values.preset as "small" | "agnfinder",
      ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
      onEpoch: (r) =>
        log(
          `epoch ${r.epoch}: train ${r.trainLoss.toFixed(4)} test ${r.testLoss.toFixed(4)} (${r.seconds.toFixed(0)} s, ${r.stepsPerSecond.toFixed(2)} steps/s, batch ${r.batch})`,
        ),
    });
  }).pipe(Effect.provide(layer)),
);
const trainSeconds = (performance.now() - t1) / 1000;
const recalRows = Number(values["recal-rows"]);
const tr = performance.now();
if (recalRows > 0) {
  const r = await Effect.runPromise(
    recalibrate({ model, cube, rows: recalRows }).pipe(Effect.provide(layer)),
  );
  log(`recalibration fitted on the last ${r.recalibration.rows} held-out rows`);
}
const recalSeconds = (performance.now() - tr) / 1000;
const t2 = performance.now();
const cal = await Effect.runPromise(
  calibrate({
    model,
    cube,
    out: join(work, "calibration"),
    rows: Number(values["cal-rows"]),
    samples: Number(values["cal-samples"]),
    onProgress: (d, n) => d % 200 === 0 && log(`  calibrated ${d}/${n}`),
  }).pipe(Effect.provide(layer)),
);
const calSeconds = (performance.now() - t2) / 1000;
const worst = Math.max(
  ...Object.values(cal.coverage).flatMap((c) => [Math.abs(c.c68 - 0.68), Math.abs(c.c95 - 0.95)]),
);
const results = {
  cubeRows: cal.cubeRows,
  heldOutRowsUsed: cal.rows,
  recalibrated: cal.recalibrated,
  samplesPerRow: cal.samples,
  config: trained.hp.config,
  history: trained.history,
  coverage: cal.coverage,
  worstDeviationPoints: 100 * worst,
  withinThreePoints: worst <= 0.03,
  gpu,
  seconds: {
    simulate: simSeconds,
    train: trainSeconds,
    recalibrate: recalSeconds,
    calibrate: calSeconds,
  },
  note: "timings on a 2-core machine shared by 8 concurrent jobs",
};
log(JSON.stringify(results.coverage, null, 1));
log(`worst deviation ${(100 * worst).toFixed(2)} points; train ${trainSeconds.toFixed(0)} s`);
const outDir = join(import.meta.dirname, "..", "validation");
mkdirSync(outDir, { recursive: true });
// (validation/results-small-5-epochs.json and results-9-epochs.json are earlier runs of this script.)
writeFileSync(join(outDir, "results.json"), `${JSON.stringify(results, null, 1)}\n`);
log(`files in ${work}`);
