import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "plots", include: ["test/**/*.test.ts"] },
});
