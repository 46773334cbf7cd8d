import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "exo-rt", include: ["test/**/*.test.ts"] },
});
