// `npm run host`: starts the renderer test host by hand, to open the studio in any local browser.
import { startTestHost } from './start-test-host'

void startTestHost({ port: Number(process.env['MIMESIS_HOST_PORT'] ?? 5899) }).then((host) => {
  console.log(`Mimesis Studio test host: ${host.url}  (user data: ${host.userDataDir})`)
})
