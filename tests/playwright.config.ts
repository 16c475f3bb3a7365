// End-to-end tests against the release build served by `cargo xtask test` (BASE_URL),
// in Debian's Chromium: Playwright cannot download its own browsers on these machines.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './end2end',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8080',
    // Tall: blocks fetch the files only they read when they come near the screen (performance.spec.ts
    // tests that at 1280×800); the other tests look at every block without scrolling to it.
    viewport: { width: 1280, height: 9000 },
    locale: 'fr-FR',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
