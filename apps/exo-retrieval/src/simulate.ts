/**
 * `exo-retrieval simulate`: the seed's mock spectrum and the figures a user checks before
 * fitting (cross sections at 500 and 1500 K and 1 bar, raw → rotated → IP-convolved →
 * sampled spectrum, contribution function). Noise is N(0, 500) from the run's seed.
 */

import { key, normal } from "@sidereal/distributions";
import { contributionFunction, resolutionToGaussianStd } from "@sidereal/exo-rt";
import { type StagedDir, writeFigures, writeJson } from "@sidereal/runtime";
import { Effect } from "effect";
import { contributionFigure, lineFigure } from "./figures.js";
import { forwardModel, type ModelSettings, TRUTHS } from "./forward.js";

export const NOISE = 500;

const arr = (t: Float64Array | { toArray(): unknown }) =>
  t instanceof Float64Array ? t : Float64Array.from(t.toArray() as ArrayLike<number>);

export const simulateInto = (dir: StagedDir, settings: ModelSettings, seed: number) =>
  Effect.sync(() => {
    const fm = forwardModel(settings);
    const { setup } = fm;
    const nu = setup.nuGrid;
    const xs500 = setup.opa.xsvector(500, 1);
    const xs1500 = setup.opa.xsvector(1500, 1);
    const g = 10 ** TRUTHS.logg;
    const tarr = fm.temperature(TRUTHS.T0, TRUTHS.alpha);
    const dtau = fm.opticalDepth(tarr, TRUTHS.MMR, g);
    const raw = setup.art.run(dtau, tarr);
    const rot = setup.sopRot.rigidRotation(raw, TRUTHS.vsini, setup.u1, setup.u2);
    const inst = setup.sopInst.ipgauss(rot, resolutionToGaussianStd(70000));
    const mu = arr(setup.sopInst.sampling(inst, TRUTHS.RV, setup.nuObs));
    const eps = arr(normal(key(seed), [mu.length]));
    const flux = mu.map((m, i) => m + NOISE * eps[i]);
    const cf = contributionFunction(nu, arr(dtau), arr(tarr), setup.art.pressure, setup.art.dParr);
    const figures = [
      lineFigure(
        "cross-sections",
        "CO cross sections at 1 bar (PreMODIT): different lines are stronger at different temperatures",
        [
          { x: nu, y: xs500.map((v) => Math.max(v, 1e-30)), label: "500 K" },
          { x: nu, y: xs1500.map((v) => Math.max(v, 1e-30)), label: "1500 K" },
        ],
        {
          title: "Cross sections",
          xLabel: "wavenumber (cm⁻¹)",
          yLabel: "cross section (cm²)",
          yScale: "log",
        },
      ),
      lineFigure(
        "spectrum-stages",
        "Raw, rotated (vsini 10 km/s) and instrument-convolved (R = 70,000) spectra on the model grid",
        [
          { x: nu, y: arr(raw), label: "raw" },
          { x: nu, y: arr(rot), label: "rotated" },
          { x: nu, y: arr(inst), label: "rotated + IP" },
        ],
        { title: "Spectrum stages", xLabel: "wavenumber (cm⁻¹)", yLabel: "flux (erg/s/cm²/cm⁻¹)" },
      ),
      lineFigure(
        "mock",
        "The mock: rotated + IP spectrum shifted by RV 40 km/s, sampled on ν[::5][:-50], plus N(0, 500) noise",
        [
          { x: setup.nuObs, y: mu, label: "sampled model" },
          { x: setup.nuObs, y: flux, label: "mock (with noise)" },
        ],
        { title: "Mock spectrum", xLabel: "wavenumber (cm⁻¹)", yLabel: "flux (erg/s/cm²/cm⁻¹)" },
      ),
      contributionFigure(cf, nu, setup.art.pressure),
    ];
    return { nu: setup.nuObs, flux, figures };
  }).pipe(
    Effect.flatMap((m) =>
      Effect.andThen(
        writeJson(dir.file("mock.json"), {
          nu: Array.from(m.nu),
          flux: Array.from(m.flux),
          noise: Array.from(m.nu, () => NOISE),
          params: TRUTHS,
        }),
        writeFigures(dir.staging, m.figures),
      ),
    ),
  );
