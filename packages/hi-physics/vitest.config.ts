import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  // Shared helpers (test/helpers/toy.ts, also used by validate/run.ts under plain Node) import the
  // package by name: the sources here, dist/ under Node.
  resolve: {
    alias: { "@sidereal/hi-physics": fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
  // The test files share no mutable state; one worker for all of them saves the per-file import.
  test: { name: "hi-physics", include: ["test/**/*.test.ts"], isolate: false },
});
