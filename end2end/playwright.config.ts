import { defineConfig, devices } from '@playwright/test';

// The server is started by scripts/e2e.sh (make test), which sets TRAFFINO_E2E_URL and TRAFFINO_BIN.
const baseURL = process.env.TRAFFINO_E2E_URL ?? 'http://127.0.0.1:3000';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  // One browser at a time: the machines have 2 cores, which the server and Chromium share; two
  // workers made WASM start-up slow enough to time out (CI, 2026-12).
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: './playwright-report' }],
    ['json', { outputFile: './test-results/report.json' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
    locale: 'de-DE',
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: /.*\.nojs\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions: chromium },
    },
    {
      name: 'phone',
      testIgnore: /.*\.nojs\.spec\.ts/,
      use: {
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent: devices['Pixel 7'].userAgent,
        launchOptions: chromium,
      },
    },
    {
      name: 'nojs',
      testMatch: /.*\.nojs\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions: chromium },
    },
  ],
});
