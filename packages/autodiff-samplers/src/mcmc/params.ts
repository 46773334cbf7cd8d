import { McmcParameterError, McmcShapeError } from "./errors.js";
import type { HMCState, KernelParams } from "./types.js";

/** Throws {@link McmcParameterError} unless `stepSize` is finite and > 0. */
export function checkStepSize(stepSize: number, where: string): void {
  if (!(stepSize > 0) || !Number.isFinite(stepSize)) {
    throw new McmcParameterError(`${where}: stepSize must be finite and > 0, got ${stepSize}`);
  }
}

/** Throws unless `value` is an integer in `[min, ∞)`. */
export function checkInteger(value: number, min: number, name: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new McmcParameterError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Validates a kernel call: step size, and position/gradient lengths. */
export function checkKernelCall(state: HMCState, params: KernelParams, where: string): void {
  checkStepSize(params.stepSize, where);
  if (state.potentialGrad.length !== state.position.length) {
    throw new McmcShapeError(
      `${where}: position has length ${state.position.length} but potentialGrad has ${state.potentialGrad.length}`,
    );
  }
}
