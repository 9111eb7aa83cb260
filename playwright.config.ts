import { defineConfig } from '@playwright/test'

/** Debian's Chromium; Playwright's own browser downloads are not available on the project's machines. */
export const CHROMIUM_PATH = process.env['MIMESIS_CHROMIUM'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-results.json' }]],
  tsconfig: './tsconfig.e2e.json',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader'
      ]
    },
    trace: 'retain-on-failure'
  }
})
