import { describe, expect, it } from "@effect/vitest";
import { Effect, Exit } from "effect";
import { selectBackend, TfBackend, withBatchHalving } from "../src/index.js";

const oom = new Error("Out of memory: failed to allocate 1073741824 bytes");

describe("TfBackend layer", () => {
  it.effect("acquires a backend, reports it and why the native ones were skipped", () =>
    Effect.gen(function* () {
      const b = yield* TfBackend;
      expect(["wasm", "cpu", "tensorflow", "tensorflow-gpu"]).toContain(b.info.name);
      expect(b.info.device.length).toBeGreaterThan(0);
      expect(b.tf.getBackend()).toBe(b.info.tfBackend);
      // tfjs-node(-gpu) are not installed here: they are skipped with a reason, not a crash.
      if (b.info.name === "wasm" || b.info.name === "cpu") {
        expect(b.info.skipped.map((s) => s.backend)).toEqual(["tensorflow-gpu", "tensorflow"]);
        for (const s of b.info.skipped) expect(s.reason).toMatch(/tfjs-node/);
      }
    }).pipe(Effect.provide(TfBackend.layer())),
  );

  it.effect("a backend that cannot load is a TfBackendError naming it", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(selectBackend(["tensorflow"]));
      expect(Exit.isFailure(exit)).toBe(true);
      const err = yield* Effect.flip(selectBackend(["tensorflow"]));
      expect(err._tag).toBe("TfBackendError");
      expect(err.tried[0]?.backend).toBe("tensorflow");
    }),
  );

  it.effect("release disposes the tensors created in its scope (no leak reported)", () =>
    Effect.gen(function* () {
      const leaks: number[] = [];
      const before = yield* Effect.gen(function* () {
        const { tf } = yield* TfBackend;
        const n = tf.memory().numTensors;
        tf.ones([100]);
        tf.zeros([10, 10]);
        expect(tf.memory().numTensors).toBe(n + 2);
        return { tf, n };
      }).pipe(
        Effect.provide(
          TfBackend.layer({ prefer: ["cpu"], onLeak: (l) => leaks.push(l.leakedTensors) }),
        ),
      );
      expect(leaks).toEqual([]);
      expect(before.tf.memory().numTensors).toBe(before.n);
    }),
  );

  it.effect("a tensor that outlives the scope is detected as a leak", () =>
    Effect.gen(function* () {
      const leaks: number[] = [];
      const v = yield* Effect.gen(function* () {
        const b = yield* TfBackend;
        // Variables are not owned by engine scopes: this one leaks unless disposed.
        const leaked = b.tf.variable(b.tf.zeros([4]));
        const err = yield* Effect.flip(b.checkLeaks("test"));
        expect(err._tag).toBe("TensorLeakError");
        // Mid-scope, the zeros (owned by the scope) and the variable are both alive.
        expect(err.leakedTensors).toBe(2);
        return leaked;
      }).pipe(
        Effect.provide(
          TfBackend.layer({ prefer: ["cpu"], onLeak: (l) => leaks.push(l.leakedTensors) }),
        ),
      );
      // On release the scope's zeros are disposed; only the variable outlives it.
      expect(leaks).toEqual([1]);
      v.dispose();
    }),
  );

  it.effect(
    "an out-of-memory batch is halved until it fits (failure injected through the layer)",
    () =>
      Effect.gen(function* () {
        const seen: number[] = [];
        const r = yield* withBatchHalving(512, (b) => {
          seen.push(b);
          return b * 2;
        });
        expect(r).toEqual({ value: 128, batch: 64 });
        expect(seen).toEqual([64]);
      }).pipe(
        Effect.provide(
          TfBackend.layer({ prefer: ["cpu"], inject: (batch) => (batch > 64 ? oom : undefined) }),
        ),
      ),
  );

  it.effect("out of memory at the minimum batch fails with TfOutOfMemory", () =>
    Effect.gen(function* () {
      const err = yield* Effect.flip(withBatchHalving(8, (b) => b, 4));
      expect(err._tag).toBe("TfOutOfMemory");
      expect(err._tag === "TfOutOfMemory" && err.batch).toBe(4);
    }).pipe(Effect.provide(TfBackend.layer({ prefer: ["cpu"], inject: () => oom }))),
  );

  it.live("transient failures are retried with the schedule", () =>
    Effect.gen(function* () {
      const r = yield* withBatchHalving(32, (b) => b + 1);
      expect(r).toEqual({ value: 33, batch: 32 });
    }).pipe(
      Effect.provide(
        TfBackend.layer({
          prefer: ["cpu"],
          inject: (_b, attempt) =>
            attempt < 2 ? new Error("EAGAIN: resource temporarily unavailable") : undefined,
        }),
      ),
    ),
  );

  it.live("persistent transient failures give up after the retries", () =>
    Effect.gen(function* () {
      const err = yield* Effect.flip(withBatchHalving(32, (b) => b));
      expect(err._tag).toBe("TfTransientError");
    }).pipe(Effect.provide(TfBackend.layer({ prefer: ["cpu"], inject: () => new Error("EBUSY") }))),
  );
});
