import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "splines", include: ["test/**/*.test.ts"] },
});
