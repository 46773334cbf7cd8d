/**
 * `node bench/combine.ts [rows]` (after building): peak memory and time of the bounded-memory
 * combine + shuffle of a DES cube (200 bytes per row) of `rows` rows (default 10^6) split in 4
 * partial files of synthetic rows (uniform θ; the photometry column is filler, not the forward
 * model, so this measures I/O and the shuffle only). Peak memory is the process's max RSS
 * (h5wasm's WebAssembly heap included), measured before and after the combine.
 * Writes `bench/results/photometry-combine.json` (repository root).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { key } from "@sidereal/distributions";
import {
  bytesPerSample,
  combineCubes,
  cubeLayout,
  defaultFreeParams,
  denormaliseTheta,
  FILTER_SETS,
  openCubeWriter,
  uniformRows,
} from "@sidereal/photometry";
import { Effect } from "effect";

const M = Number(process.argv[2] ?? 1_000_000);
const P = 4;
const BLOCK = 16_384;
const fp = defaultFreeParams();
const bands = FILTER_SETS.DES;
const layout = cubeLayout(
  fp,
  bands,
  Float64Array.from(bands, (_, i) => 4000 + 1000 * i),
  "DES",
);
const dir = mkdtempSync(join(tmpdir(), "combine-bench-"));
const maxRssMiB = () => process.resourceUsage().maxRSS / 1024;

const partials: string[] = [];
const t0 = performance.now();
for (let w = 0; w < P; w++) {
  const rows = M / P;
  const path = join(dir, `partial-${w}.hdf5`);
  const writer = await Effect.runPromise(openCubeWriter(path, layout, rows));
  for (let s = 0; s < rows; s += BLOCK) {
    const n = Math.min(BLOCK, rows - s);
    const unit = uniformRows(key(w), s, n, 9);
    const theta = denormaliseTheta(fp, unit);
    await Effect.runPromise(
      writer.write(s, { theta, normalisedTheta: unit, simulatedY: unit.subarray(0, n * 7) }),
    );
  }
  await Effect.runPromise(writer.close());
  partials.push(path);
}
const writeSeconds = (performance.now() - t0) / 1000;
const rssBefore = maxRssMiB();
const out = join(dir, "combined.hdf5");
const t1 = performance.now();
await Effect.runPromise(combineCubes(partials, out, { seed: 0 }));
const combineSeconds = (performance.now() - t1) / 1000;
const rssAfter = maxRssMiB();
const result = {
  package: "@sidereal/photometry",
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  rows: M,
  partials: P,
  bytesPerSample: bytesPerSample(layout),
  cubeMiB: (M * bytesPerSample(layout)) / 2 ** 20,
  outputFileMiB: statSync(out).size / 2 ** 20,
  writePartialsSeconds: writeSeconds,
  combineShuffleSeconds: combineSeconds,
  maxRssMiBBeforeCombine: rssBefore,
  maxRssMiBAfterCombine: rssAfter,
};
console.log(JSON.stringify(result, null, 2));
rmSync(dir, { recursive: true, force: true });
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const file = join(root, "bench/results/photometry-combine.json");
mkdirSync(dirname(file), { recursive: true });
writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
