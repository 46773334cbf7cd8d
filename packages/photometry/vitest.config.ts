import { defineProject } from "vitest/config";

// Building a forward model reads the tables and builds SSP tables (≈ 1 s on a free core);
// under a loaded machine that exceeds vitest's 5 s default, so the limit is raised.
export default defineProject({
  test: { name: "photometry", include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
