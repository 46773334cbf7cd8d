import { defineProject } from "vitest/config";

// 120 s per test: the end-to-end tests spawn the bin, which builds the 3500-point PreMODIT
// model (a few seconds alone, several times that on the shared machine).
export default defineProject({
  test: { name: "exo-retrieval", include: ["test/**/*.test.ts"], testTimeout: 120_000 },
});
