import { defineProject } from "vitest/config";

// 30 s per test: the machine is shared, and under load the end-to-end tests (compile,
// fit, tiny NUTS runs, worker start-up) take several times their ~1–5 s.
export default defineProject({
  test: { name: "stream-density", include: ["test/**/*.test.ts"], testTimeout: 30_000 },
});
