// Full disks for tests: a wrapper ffmpeg that fails as a full disk makes it fail (no root needed), and
// a mount point for a tiny tmpfs where mounting is allowed (root in a container, as in CI).
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** How the wrapper damages an export's output; see `writeDamagingFfmpeg`. */
export type Damage = 'disk-full' | 'io-error' | 'silent'

/**
 * Writes, in `dir`, a POSIX shell script that runs the ffmpeg at `real` with its arguments and, when
 * the output is an export's temporary file, damages it as a failed write does, then exits 0 as ffmpeg
 * does after a trailer error: 'disk-full' cuts the file to half and prints ffmpeg's "Error writing
 * trailer … No space left on device"; 'io-error' leaves the file whole and prints an I/O error;
 * 'silent' cuts it and says nothing. Any other run (-version, -encoders, probing) passes through.
 * Returns the script's path, for `LocatedFfmpeg.path` or `$MIMESIS_FFMPEG`.
 */
export function writeDamagingFfmpeg(dir: string, real: string, damage: Damage): string {
  const path = join(dir, `ffmpeg-${damage}.sh`)
  const cut =
    damage === 'io-error' ? ':' : 'head -c $((size / 2)) "$out" > "$out.cut" && mv "$out.cut" "$out"'
  const say =
    damage === 'disk-full'
      ? 'echo "Error writing trailer of $out: No space left on device" >&2'
      : damage === 'io-error'
        ? 'echo "Error writing trailer of $out: I/O error" >&2'
        : ':'
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `'${real.replace(/'/g, `'\\''`)}' "$@"`,
      'status=$?',
      'for out in "$@"; do :; done',
      'case "$out" in',
      '  *.mimesis-partial-*)',
      '    size=$(wc -c < "$out")',
      `    ${cut}`,
      `    ${say}`,
      '    exit 0 ;;',
      'esac',
      'exit $status',
      ''
    ].join('\n')
  )
  chmodSync(path, 0o755)
  return path
}

/**
 * An empty folder a tmpfs can be mounted on (`mount -t tmpfs -o size=…k tmpfs <it>`), or null where
 * mounting is not allowed (not root, no CAP_SYS_ADMIN, not Linux); then it prints that `what` is skipped.
 */
export function tinyDiskMountPoint(what: string): string | null {
  const skip = (why: string): null => {
    console.warn(`skipped ${what}: ${why}`)
    return null
  }
  if (process.platform !== 'linux') return skip('tmpfs mounts need Linux')
  const target = mkdtempSync(join(tmpdir(), 'mimesis-tiny-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', target], { stdio: 'ignore' })
    execFileSync('umount', [target])
    return target
  } catch {
    rmSync(target, { recursive: true, force: true })
    return skip('cannot mount a tmpfs here (needs root); the wrapper-ffmpeg tests cover the same code')
  }
}
