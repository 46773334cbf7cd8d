/**
 * The cluster's storage: `postgres://user@host:port/db` (many machines: runners and the
 * submitting process share it) or `sqlite:PATH` (one machine, no server; Node's built-in
 * `node:sqlite` through @effect/sql-sqlite-node, which needs no native module).
 */
import { Duration, Effect, Layer, Redacted } from "effect";
import type { SqlClient } from "effect/sql/SqlClient";
import { ConfigError } from "../errors.js";
import { JobStorageError } from "./job.js";
import { mapLayerError } from "./layerErrors.js";

export type JobStorage =
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "sqlite"; readonly path: string };

/** Parses `--storage`; a ConfigError naming the flag for anything else. */
export function parseStorage(url: string): JobStorage | ConfigError {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  if (url.startsWith("sqlite:") && url.length > "sqlite:".length)
    return { kind: "sqlite", path: url.slice("sqlite:".length) };
  return new ConfigError({
    field: "--storage",
    reason: `expected postgres://USER@HOST:PORT/DB or sqlite:PATH, got ${JSON.stringify(url)}`,
  });
}

/** A printable name of the storage without its password. */
export const storageLabel = (s: JobStorage): string =>
  s.kind === "sqlite" ? `sqlite:${s.path}` : s.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

/** The SqlClient of the storage. */
export const sqlClientLayer = (s: JobStorage): Layer.Layer<SqlClient, JobStorageError> =>
  (s.kind === "postgres"
    ? // loaded on use, like SQLite below: the pg driver costs every command's start-up otherwise
      Layer.unwrap(
        Effect.promise(() => import("@effect/sql-pg")).pipe(
          Effect.map((m) =>
            m.PgClient.layer({
              url: Redacted.make(s.url),
              connectTimeout: Duration.seconds(5),
              maxConnections: 4,
            }),
          ),
        ),
      )
    : // loaded on use: node:sqlite is a Node ≥ 22.13 built-in, and only SQLite storage needs it
      Layer.unwrap(
        Effect.promise(() => import("@effect/sql-sqlite-node")).pipe(
          Effect.map((m) => m.SqliteClient.layer({ filename: s.path })),
        ),
      )
  ).pipe((l) =>
    mapLayerError(
      l,
      (e) =>
        new JobStorageError({
          storage: storageLabel(s),
          reason: e instanceof Error ? e.message : String(e),
        }),
    ),
  );
