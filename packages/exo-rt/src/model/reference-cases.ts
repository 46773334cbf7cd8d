/**
 * ExoJAX's unit-test "mock" reference cases (issue 18): the grid 22920–23100 Å (20000
 * points, ESLOG), the CO SAMPLE database with H2 broadening, and the test atmosphere
 * (1e-8–1e2 bar, 100 layers, ibased 8 streams, T = 1300 P^0.1 clipped to [400, 1500] K,
 * mmr 0.1, g = 2478.57 cm/s²). Each case returns (wavenumber, value) columns.
 */
import { fileURLToPath } from "node:url";
import { tensor } from "@sidereal/tensor";
import { MdbExomol } from "../db/exomol.js";
import { ExoInputError } from "../errors.js";
import { wavenumberGrid } from "../grid.js";
import { xsmatrixLpf, xsvectorLpf } from "../opacity/lpf.js";
import { xsmatrixModit, xsvectorModit } from "../opacity/modit.js";
import { OpaPremodit } from "../opacity/premodit.js";
import { ArtEmisPure } from "../rt/art-emis-pure.js";

export const REFERENCE_CASES = [
  "lpf-xs",
  "lpf-rt",
  "modit-xs",
  "modit-rt",
  "premodit-xs",
  "premodit-rt",
] as const;
export type ReferenceCase = (typeof REFERENCE_CASES)[number];

/** ExoJAX's HITRAN mass of 12C-16O, used by its MODIT cross-section test generator. */
const MODIT_XS_TEST_MASS = 27.994915;

export interface ReferenceSetup {
  readonly nu: Float64Array;
  readonly mdb: MdbExomol;
  readonly art: ArtEmisPure;
  readonly tarr: Float64Array;
  readonly mmr: number;
  readonly gravity: number;
}

/** The mock grid, database and atmosphere shared by the cases. */
export function referenceSetup(options: { cacheDir?: string | false } = {}): ReferenceSetup {
  const nu = wavenumberGrid(22920, 23100, 20000, { unit: "AA", xsmode: "modit" }).nu;
  const path = fileURLToPath(new URL("../../data/CO/12C-16O/SAMPLE", import.meta.url));
  const mdb = new MdbExomol(path, { nurange: nu, cacheDir: options.cacheDir });
  const art = new ArtEmisPure({
    nuGrid: nu,
    pressureTop: 1e-8,
    pressureBtm: 1e2,
    nlayer: 100,
    rtsolver: "ibased",
    nstream: 8,
  });
  art.changeTemperatureRange(400, 1500);
  const tarr = Float64Array.from(art.powerlawTemperature(1300, 0.1).toArray());
  return { nu, mdb, art, tarr, mmr: 0.1, gravity: 2478.57 };
}

/** Emission flux of the reference atmosphere for per-layer cross sections (Nlayer × Nnu). */
export function referenceFlux(s: ReferenceSetup, xs: Float64Array): Float64Array {
  const n = s.nu.length;
  const dtau = s.art.opacityProfileXs(
    tensor(xs, [s.tarr.length, n]),
    s.art.constantMmrProfile(s.mmr),
    s.mdb.molmass,
    s.gravity,
  );
  return Float64Array.from(s.art.run(dtau, s.tarr).toArray());
}

/** Computes one reference case: [wavenumbers (cm⁻¹, ascending), values]. */
export function referenceCase(
  name: string,
  setup = referenceSetup(),
): [Float64Array, Float64Array] {
  const s = setup;
  const pressure = s.art.pressure;
  switch (name) {
    case "lpf-xs":
      return [s.nu, xsvectorLpf(s.mdb, s.nu, 1200, 1)];
    case "lpf-rt":
      return [s.nu, referenceFlux(s, xsmatrixLpf(s.mdb, s.nu, s.tarr, pressure))];
    case "modit-xs":
      return [
        s.nu,
        xsvectorModit(s.mdb, s.nu, 1200, 1, {
          ditGridResolution: 0.1,
          molmass: MODIT_XS_TEST_MASS,
        }),
      ];
    case "modit-rt":
      return [
        s.nu,
        referenceFlux(s, xsmatrixModit(s.mdb, s.nu, s.tarr, pressure, { ditGridResolution: 0.2 })),
      ];
    case "premodit-xs": {
      const opa = new OpaPremodit(s.mdb, s.nu, {
        autoTrange: [500, 1500],
        diffmode: 0,
        broadeningResolution: 0.2,
      });
      return [s.nu, opa.xsvector(1200, 1)];
    }
    case "premodit-rt": {
      const opa = new OpaPremodit(s.mdb, s.nu, { autoTrange: [400, 1500], diffmode: 0 });
      return [s.nu, referenceFlux(s, opa.xsmatrix(s.tarr, pressure))];
    }
    default:
      throw new ExoInputError({
        fn: "referenceCase",
        argument: "case",
        value: name,
        reason: `unknown case; expected one of ${REFERENCE_CASES.join(", ")}`,
      });
  }
}
