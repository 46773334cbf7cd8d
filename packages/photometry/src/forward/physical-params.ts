/**
 * The physical parameters the forward model understands, by Prospector name, with the checks
 * that make a θ evaluable: every value finite; mass, dust2, zred and the AGN scales
 * non-negative; tage and tau positive. Nothing is checked against the sampling hypercube.
 */
import { THETA_COLUMNS } from "../config/free-params.js";
import { ThetaError } from "../errors.js";

/** Prospector names the forward model can take as free or fixed parameters: agnfinder's θ and logzsol. */
export const PHYSICAL_PARAMS = [...THETA_COLUMNS, "logzsol"] as const;
export type PhysicalParam = (typeof PHYSICAL_PARAMS)[number];

/** Lower limits: `[bound, strict]` (strict: value must exceed bound). */
const LOWER: Partial<Record<PhysicalParam, readonly [number, boolean]>> = {
  zred: [0, false],
  mass: [0, false],
  dust2: [0, false],
  tage: [0, true],
  tau: [0, true],
  agn_mass: [0, false],
  agn_eb_v: [0, false],
  agn_torus_mass: [0, false],
};

/** The ThetaError for a value, or undefined when it is evaluable. */
export function checkPhysical(
  name: PhysicalParam,
  value: number,
  row: number,
): ThetaError | undefined {
  if (!Number.isFinite(value))
    return new ThetaError({ field: name, value, row, reason: "not a finite number" });
  const lower = LOWER[name];
  if (lower && (lower[1] ? !(value > lower[0]) : !(value >= lower[0])))
    return new ThetaError({
      field: name,
      value,
      row,
      reason: `must be ${lower[1] ? ">" : "≥"} ${lower[0]} (${name === "mass" || name.startsWith("agn") ? "a negative scale" : name === "dust2" ? "a negative optical depth" : "unphysical"})`,
    });
  return undefined;
}
