import { test as base, expect } from '@playwright/test'
import { startTestHost, type TestHost } from '../host/start-test-host'

/** One renderer test host per worker: the built renderer, served with the real core behind it. */
export const test = base.extend<{ studioUrl: string }, { host: TestHost }>({
  host: [
    // Playwright requires the destructuring form for fixtures without dependencies.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startTestHost()
      await use(host)
      await host.close()
    },
    { scope: 'worker' }
  ],
  studioUrl: async ({ host }, use) => {
    await use(host.url)
  }
})

export { expect }
