/**
 * The NUTS benchmark's model, in its own module so that worker threads can import it
 * (`chainMethod: "parallel"` loads a model from its module URL and export name). The body is
 * the shared seed 004 fixture.
 */
import { defineModel } from "@sidereal/autodiff-samplers";
import { linearMixtureBody } from "../test/ppl/fixtures/lineModels.ts";

export type { Line } from "../test/ppl/fixtures/lineModels.ts";

/** Seed 004's `linear_mixture_model` (foreground line + Gaussian outlier population). */
export const linearMixtureModel = defineModel(linearMixtureBody, {
  module: import.meta.url,
  export: "linearMixtureModel",
});
