// The README example, kept runnable (same code, with the results checked).
import { key } from "@sidereal/distributions";
import { Effect } from "effect";
import { expect, it } from "vitest";
import {
  agnfinderForwardModel,
  buildForwardModel,
  decodeForwardModelParams,
  defaultFreeParams,
  denormaliseTheta,
  latinHypercube,
  redshiftSlices,
  SEED_GALAXY_MODEL,
  THETA_COLUMNS,
  workerUnitRows,
} from "../src/index.js";

it("README example", () => {
  const model = Effect.runSync(agnfinderForwardModel());
  expect(model.thetaColumns).toEqual([...THETA_COLUMNS]);
  const maggies = model.forward([0.5, 1e10, 0.3, 5, 1, 1, 0.1, 0.1, 60]);
  expect(maggies.length).toBe(8);
  expect(model.photWave.length).toBe(8);

  const fp = defaultFreeParams();
  const [slice0] = redshiftSlices(0, 6, 4);
  expect([slice0.zLo, slice0.zHi]).toEqual([0, 1.5]);
  const unit = workerUnitRows(fp, 42, slice0, "uniform", 100);
  const photometry = model.forwardBatch(denormaliseTheta(fp, unit));
  expect(photometry.length).toBe(800);
  expect(latinHypercube(key(0), 100, 9).length).toBe(900);

  const galaxy = Effect.runSync(
    decodeForwardModelParams(SEED_GALAXY_MODEL).pipe(Effect.flatMap((c) => buildForwardModel(c))),
  );
  expect(galaxy.forward([0.1, 1e8, -0.5, 0.05, 13, 1]).length).toBe(7);
});
