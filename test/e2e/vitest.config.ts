import { defineConfig } from "vitest/config";

// Browser tests: Node drives Debian's Chromium through playwright-core against a running stack
// (scripts/e2e.ts starts it and passes E2E_APP_URL).
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.e2e.ts"],
    setupFiles: ["./setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
