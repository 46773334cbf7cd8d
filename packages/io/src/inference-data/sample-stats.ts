/**
 * Names of the NUTS sampler statistics in the `sample_stats` group.
 *
 * The NUTS layer of Sidereal uses the ArviZ schema names
 * (https://python.arviz.org/en/stable/schema/schema.html#sample-stats), each a
 * `[chain, draw]` variable:
 *
 * | name              | storage          | meaning                                              |
 * |-------------------|------------------|------------------------------------------------------|
 * | `lp`              | float64          | log density (up to a constant) of the draw           |
 * | `diverging`       | bool (Uint8Array)| the trajectory diverged                              |
 * | `energy`          | float64          | Hamiltonian energy at the draw                       |
 * | `step_size`       | float64          | leapfrog step size used for the draw                 |
 * | `tree_depth`      | int32            | depth of the NUTS tree                               |
 * | `n_steps`         | int32            | number of leapfrog steps                             |
 * | `acceptance_rate` | float64          | mean Metropolis acceptance probability of the tree   |
 *
 * The CmdStan CSV writer maps them to `lp__`, `divergent__`, `energy__`,
 * `stepsize__`, `treedepth__`, `n_leapfrog__` and `accept_stat__`.
 */
export const NUTS_SAMPLE_STATS = [
  "lp",
  "acceptance_rate",
  "step_size",
  "tree_depth",
  "n_steps",
  "diverging",
  "energy",
] as const;

/** One of the {@link NUTS_SAMPLE_STATS} names. */
export type NutsSampleStat = (typeof NUTS_SAMPLE_STATS)[number];
