/**
 * The seed's forward model as tensor operations: (T0, α, mmr, g, RV, vsini) → flux on
 * the observed grid. PreMODIT line opacity + CIA → ArtEmisPure → rotation → Gaussian
 * IP → RV shift and resampling (research/exojax.md §11). Differentiable in all six
 * parameters and compilable with `compile` (fixed shapes, no value-dependent control).
 */
import { add, clip, type Tensor, type TensorLike } from "@sidereal/tensor";
import { MdbExomol } from "../db/exomol.js";
import { wavenumberGrid } from "../grid.js";
import { type CdbCIA, readCia } from "../opacity/cia.js";
import { OpaPremodit } from "../opacity/premodit.js";
import { ArtEmisPure } from "../rt/art-emis-pure.js";
import { resolutionToGaussianStd, SopInstProfile } from "../sop/inst-profile.js";
import { SopRotation } from "../sop/rotation.js";
import { logaciaMatrixOp, premoditXsmatrixClippedOp, premoditXsmatrixOp } from "./ops.js";

export interface EmissionModelSetup {
  readonly nuGrid: Float64Array;
  readonly nuObs: Float64Array;
  readonly art: ArtEmisPure;
  readonly opa: OpaPremodit;
  readonly cdb: CdbCIA | null;
  readonly sopRot: SopRotation;
  readonly sopInst: SopInstProfile;
  /** Instrumental Gaussian σ (km/s). */
  readonly betaInst: number;
  readonly vmrH2: number;
  readonly mmw: number;
  readonly u1: number;
  readonly u2: number;
}

/** The six retrieval parameters (scalars or 0-d tensors). */
export interface EmissionParams {
  readonly T0: TensorLike;
  readonly alpha: TensorLike;
  readonly mmr: TensorLike;
  readonly g: TensorLike;
  readonly RV: TensorLike;
  readonly vsini: TensorLike;
}

/** Where time goes: each stage as its own function of the previous stage's output. */
export interface EmissionModel {
  readonly setup: EmissionModelSetup;
  /** Flux on the observed grid (erg/s/cm²/cm⁻¹). */
  readonly forward: (p: EmissionParams) => Tensor;
  /** Stages: temperatures, total dtau, raw flux, operators. */
  readonly temperature: (t0: TensorLike, alpha: TensorLike) => Tensor;
  /**
   * With `traw` (the temperatures before the range clip, `tarr = clip(traw)`), the line
   * opacity uses the clip-fused primitive, whose gradient skips clipped layers.
   */
  readonly opticalDepth: (tarr: Tensor, mmr: TensorLike, g: TensorLike, traw?: Tensor) => Tensor;
  readonly operators: (flux: Tensor, rv: TensorLike, vsini: TensorLike) => Tensor;
}

/** Builds the differentiable forward model from its parts. */
export function emissionModel(setup: EmissionModelSetup): EmissionModel {
  const { art } = setup;
  const xsmatrix = premoditXsmatrixOp(setup.opa, art.pressure);
  // the clip-fused opacity for the range in force (rebuilt if changeTemperatureRange is called)
  let clipped = { lo: Number.NaN, hi: Number.NaN, op: xsmatrix };
  const xsmatrixClipped = (traw: Tensor) => {
    const [lo, hi] = art.temperatureRange;
    if (lo !== clipped.lo || hi !== clipped.hi)
      clipped = { lo, hi, op: premoditXsmatrixClippedOp(setup.opa, art.pressure, lo, hi) };
    return clipped.op(traw);
  };
  const logacia = setup.cdb === null ? null : logaciaMatrixOp(setup.cdb, setup.nuGrid);
  const temperature = (t0: TensorLike, alpha: TensorLike) => art.powerlawTemperature(t0, alpha);
  const opticalDepth = (tarr: Tensor, mmr: TensorLike, g: TensorLike, traw?: Tensor) => {
    const dtauLine = art.opacityProfileXs(
      traw === undefined ? xsmatrix(tarr) : xsmatrixClipped(traw),
      art.constantMmrProfile(mmr),
      setup.opa.molmass,
      g,
    );
    if (logacia === null) return dtauLine;
    const dtauCia = art.opacityProfileCia(
      logacia(tarr),
      tarr,
      setup.vmrH2,
      setup.vmrH2,
      setup.mmw,
      g,
    );
    return add(dtauLine, dtauCia);
  };
  const operators = (flux: Tensor, rv: TensorLike, vsini: TensorLike) => {
    const frot = setup.sopRot.rigidRotation(flux, vsini, setup.u1, setup.u2);
    const finst = setup.sopInst.ipgauss(frot, setup.betaInst);
    return setup.sopInst.sampling(finst, rv, setup.nuObs);
  };
  const forward = (p: EmissionParams) => {
    const traw = art.powerlawTemperatureUnclipped(p.T0, p.alpha);
    const [tlow, thigh] = art.temperatureRange;
    const tarr = clip(traw, tlow, thigh);
    const dtau = opticalDepth(tarr, p.mmr, p.g, traw);
    return operators(art.run(dtau, tarr), p.RV, p.vsini);
  };
  return { setup, forward, temperature, opticalDepth, operators };
}

export interface SeedModelOptions {
  /** ExoMol database folder (default: the package's CO SAMPLE). */
  readonly mdbPath?: string;
  /** HITRAN `.cia` file (default: the package's H2-H2_TEST.cia; the seed uses H2-H2_2011.cia). */
  readonly ciaFile?: string | null;
  readonly ditGridResolution?: number;
  readonly nlayer?: number;
  /** Number of wavenumber grid points (default 3500). */
  readonly nGrid?: number;
  /** Wavelength range of the model grid in Å (default [22920, 23000], the seed's). */
  readonly wavelengthRange?: readonly [number, number];
  /** Observed wavenumbers (cm⁻¹, ascending; default the seed's ν[::5][:-50]). */
  readonly nuObs?: Float64Array;
  readonly cacheDir?: string | false;
}

/**
 * The seed tutorial's setup (seeds/001): 22920–23000 Å ESLOG grid (3500 points), CO with
 * PreMODIT (auto_trange [500, 1500], dit grid resolution 1.0), H2–H2 CIA (vmr 0.855,
 * mmw 2.33), 100 layers 1e-5–10 bar clipped to [500, 1500] K, ibased 8 streams, rotation
 * (u1 = u2 = 0, vsini ≤ 100 km/s), Gaussian IP at R = 70000 (±1000 km/s kernel),
 * observed grid ν[::5][:-50].
 */
export function seedEmissionModel(options: SeedModelOptions = {}): EmissionModel {
  const dataDir = new URL("../../data/", import.meta.url);
  const [wavMin, wavMax] = options.wavelengthRange ?? [22920, 23000];
  const grid = wavenumberGrid(wavMin, wavMax, options.nGrid ?? 3500, {
    unit: "AA",
    xsmode: "premodit",
  });
  const nuGrid = grid.nu;
  const mdb = new MdbExomol(options.mdbPath ?? new URL("CO/12C-16O/SAMPLE", dataDir).pathname, {
    nurange: nuGrid,
    cacheDir: options.cacheDir,
  });
  const opa = new OpaPremodit(mdb, nuGrid, {
    autoTrange: [500, 1500],
    ditGridResolution: options.ditGridResolution ?? 1.0,
  });
  const art = new ArtEmisPure({
    nuGrid,
    pressureTop: 1e-5,
    pressureBtm: 1e1,
    nlayer: options.nlayer ?? 100,
    rtsolver: "ibased",
    nstream: 8,
  });
  art.changeTemperatureRange(500, 1500);
  const ciaFile =
    options.ciaFile === undefined ? new URL("H2-H2_TEST.cia", dataDir).pathname : options.ciaFile;
  const cdb = ciaFile === null ? null : readCia(ciaFile, { nurange: nuGrid });
  const nuObs =
    options.nuObs ??
    Float64Array.from({ length: Math.ceil(nuGrid.length / 5) - 50 }, (_, i) => nuGrid[5 * i]);
  return emissionModel({
    nuGrid,
    nuObs,
    art,
    opa,
    cdb,
    sopRot: new SopRotation(nuGrid, 100),
    sopInst: new SopInstProfile(nuGrid, 1000),
    betaInst: resolutionToGaussianStd(70000),
    vmrH2: 0.855,
    mmw: 2.33,
    u1: 0,
    u2: 0,
  });
}
