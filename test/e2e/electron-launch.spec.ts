import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron } from '@playwright/test'
import { expect, test } from '@playwright/test'

const ROOT = join(__dirname, '..', '..')

/** The Electron binary path if `npm install` could download it, else null. */
function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

test('the real Electron app starts with a locked-down, sandboxed window', async () => {
  const binary = electronBinary()
  if (!binary)
    console.log('skipped: no Electron binary (node_modules/electron has not downloaded one on this machine)')
  test.skip(!binary, 'skipped: no Electron binary')

  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT],
    env: { ...process.env, CI: '1' }
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByTestId('dropzone')).toBeVisible()
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents
      const webPreferences = (
        contents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      ).getLastWebPreferences()
      return {
        contextIsolation: webPreferences['contextIsolation'],
        sandbox: webPreferences['sandbox'],
        nodeIntegration: webPreferences['nodeIntegration']
      }
    })
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined'
    )
  } finally {
    await app.close()
  }
})
