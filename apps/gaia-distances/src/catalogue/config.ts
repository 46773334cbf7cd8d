/** Configuration of the `catalogue` command (its own Schema: it shares no sampler fields). */
import { NonNegativeInt, PositiveInt } from "@sidereal/runtime";
import { Schema } from "effect";
import { DEFAULT_OUT } from "../config.js";
import { BUNDLED_M67 } from "../data.js";

export const CatalogueConfig = Schema.Struct({
  out: Schema.String.check(Schema.isMinLength(1)),
  /** The Gaia FITS table. */
  data: Schema.String.check(Schema.isMinLength(1)),
  /** `local` (this process) or `cluster` (Effect Cluster with `storage`). */
  runner: Schema.Literals(["local", "cluster"]),
  /** `postgres://…` or `sqlite:PATH` (cluster only). */
  storage: Schema.String,
  /** Runner processes to start on this machine (cluster with Postgres; 0 = started elsewhere). */
  runners: NonNegativeInt,
  /** EDSD length scale [pc]. */
  lengthScale: Schema.Finite.check(Schema.isGreaterThan(0)),
  /** Stars per shard. */
  shardSize: PositiveInt,
  /** Worker threads of the local runner (default: the CPUs; 1 = this thread). */
  workers: Schema.optionalKey(PositiveInt),
  /** Also write distances.parquet (the CSV's columns, source_id as INT64). */
  parquet: Schema.optionalKey(Schema.Boolean),
});
export type CatalogueConfig = typeof CatalogueConfig.Type;

/**
 * Defaults. L = 1350 pc is the single Galaxy-wide EDSD length scale of Astraatmadja &
 * Bailer-Jones (2016, ApJ 833, 119); Bailer-Jones et al. (2021) vary L over the sky, which a
 * single-L catalogue does not attempt.
 */
export const CATALOGUE_DEFAULTS: CatalogueConfig = {
  out: DEFAULT_OUT,
  data: BUNDLED_M67,
  runner: "local",
  storage: "",
  runners: 0,
  lengthScale: 1350,
  shardSize: 2000,
};
