#!/usr/bin/env node
// Launches the built command-line renderer (out/main/cli.js). Build it first with `npm run build`.
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('mimesis: the command-line renderer is not built yet. Run "npm run build" first.\n')
  process.exit(1)
}
require(cli)
