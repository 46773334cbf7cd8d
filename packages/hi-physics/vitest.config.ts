import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "hi-physics", include: ["test/**/*.test.ts"] },
});
