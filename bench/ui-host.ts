// The renderer test host in a process of its own for `npm run bench:ui`, so the core's work (engine,
// frame encoding) never delays the benchmark's own CDP traffic, as in the app, where main and renderer
// are separate processes. Talks to its parent over the fork IPC channel:
//   parent → child: { dialog: string | null } queues a dialog result; { close: true } stops the host
//   child → parent: { url } once listening; { queued: true } after each dialog result
import { startTestHost } from '../test/host/start-test-host'

type Message = { dialog: string | null } | { close: true }

async function main(): Promise<void> {
  // bench:ui --profile serves a renderer built without minification, so profiles name functions.
  const host = await startTestHost({ rendererDir: process.env['MIMESIS_BENCH_RENDERER_DIR'] || undefined })
  process.on('message', (message: Message) => {
    if ('dialog' in message) {
      host.queueDialogResult(message.dialog)
      process.send?.({ queued: true })
    } else
      void host.close().finally(() => {
        process.disconnect()
      })
  })
  process.send?.({ url: host.url })
}

void main()
