import { defineConfig } from 'vitest/config';

// Unit tests sit beside their source; end-to-end tests in test/ share one real PostgreSQL and
// redis-server started by test/support/global-setup.ts. No test sleeps: time is virtual.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,workflows,services,infra}/**/src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
