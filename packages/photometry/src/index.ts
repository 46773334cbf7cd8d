export * from "./config/decode.js";
export * from "./config/forward-model-params.js";
export * from "./config/free-params.js";
export * from "./config/parameter.js";
export * from "./config/prior.js";
export * from "./config/sampling-params.js";
export { MODEL_TEMPLATES } from "./config/templates.js";
export * from "./errors.js";
export * from "./filters/filter-sets.js";
