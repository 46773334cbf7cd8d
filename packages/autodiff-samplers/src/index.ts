/**
 * @sidereal/autodiff-samplers — probabilistic programming, samplers, variational
 * inference, optimizers and ArviZ-compatible diagnostics.
 */
export * from "./diagnostics/index.js";
export * from "./loo/index.js";
export * from "./mcmc/index.js";
export * from "./optim/index.js";
export * from "./ppl/index.js";
export { runSteps, type Steps, stepsEffect } from "./sliced.js";
export * from "./svi/index.js";
