/**
 * `simulate`: seed 000's simulated spectra (three clouds; EmissionAbsorptionModel with the
 * simulation priors of cell [3] and the `sim_params` of cell [5]) → `simulated.json` and the
 * data plot of each spectrum (cells [2], [6]). `--noise 0`: the noise-free likelihood mean.
 */
import { join } from "node:path";
import { simulatedJson, simulateSeed } from "@sidereal/hi-physics";
import { RunError, reasonOf, withOutputDir, writeFigures, writeJson } from "@sidereal/runtime";
import { Console, Effect } from "effect";
import type { SimulateConfig } from "../config.js";
import { dataFigures } from "../figures.js";

export const runSimulate = (c: SimulateConfig) =>
  withOutputDir(c.out, (dir) =>
    Effect.gen(function* () {
      const sim = yield* Effect.try({
        try: () => simulateSeed({ noise: c.noise === 1, seed: c.seed }),
        catch: (e) => new RunError({ stage: "simulation", reason: reasonOf(e) }),
      });
      yield* writeJson(join(dir.staging, "simulated.json"), simulatedJson(sim));
      const figures = yield* Effect.try({
        try: () => dataFigures({ emission: sim.emission, absorption: sim.absorption }),
        catch: (e) => new RunError({ stage: "plotting the data", reason: reasonOf(e) }),
      });
      yield* writeFigures(dir.staging, figures);
      yield* Console.log(
        `simulated seed 000 spectra (${c.noise === 1 ? `noise seed ${c.seed}` : "noise-free"}) → ${join(c.out, "simulated.json")}`,
      );
    }),
  );
