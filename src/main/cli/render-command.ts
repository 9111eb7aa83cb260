import { type Command, Option } from 'commander'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { PRESET_NAMES } from '@shared/timeline/presets'
import { OUTPUT_FORMAT_IDS } from '@shared/export/output-formats'
import { parseThreads } from './parse-options'
import {
  DEFAULT_PRESET_FPS,
  DEFAULT_PRESET_SECONDS,
  DEFAULT_SIZE,
  OUTPUT_ASPECTS,
  resolveRenderJob,
  type RenderCliOptions
} from './render-job'
import {
  cameraValueParser,
  parseBitDepth,
  parseExpressionList,
  parseFaceNumber,
  parseFps,
  parseSeconds,
  parseSize
} from './render-options'
import { describeFraming, runRender, type RenderSummary } from './run-render'
import { runWithProgress } from './run-with-progress'

export function addRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'render a portrait (a still, or a built-in animation) or a saved project to a file, headlessly'
    )
    .argument('<input>', 'a portrait image (JPEG, PNG, WebP, …) or a project (.mimesis)')
    .requiredOption(
      '-o, --out <file>',
      'output: .png for a still; .mp4 (H.264), .mov (ProRes 4444), .webm or .gif (looping, at most 640 px and 30 fps) for a video; .csv or .json for rig curves; .glb for the animated 3D face; with --format png-seq or obj-seq, the folder of a sequence'
    )
    .addOption(
      new Option(
        '--format <format>',
        "what to write; decides over --out's extension (a video's or the curves' --out must still end in its extension). png-seq: a folder NAME/ of RGBA PNG frames NAME_00001.png, … (transparent background); arkit-csv (.csv) / arkit-json (.json): rig curves, no frame rendered; glb (.glb): the animated 3D face, no frame rendered; obj-seq: the 3D face as a folder NAME/ of OBJ meshes NAME_00001.obj, … with NAME.mtl and the PNG textures"
      ).choices([...OUTPUT_FORMAT_IDS])
    )
    .option('--bit-depth <bits>', 'png-seq: 8 (default) or 16 bits a sample', parseBitDepth)
    .option(
      '--overwrite',
      'png-seq, obj-seq: replace the folder when it holds an earlier sequence (only PNG and JSON files; OBJ, MTL and PNG files); without it such a folder is refused'
    )
    .option(
      '--expr <name=value,…>',
      'still: expression weights from -1 to 1, e.g. smile=0.8,jawOpen=0.3',
      parseExpressionList
    )
    .option(
      '--yaw <degrees>',
      'still: turn the head, -35…35 (+ = toward image left)',
      cameraValueParser('yaw')
    )
    .option(
      '--pitch <degrees>',
      'still: look from above (+) or below (-), -25…25',
      cameraValueParser('pitch')
    )
    .option('--roll <degrees>', 'still: tilt clockwise (+), -30…30', cameraValueParser('roll'))
    .option(
      '--zoom <factor>',
      'still: 0.5…2 times the framing (the picture, or its square on the head)',
      cameraValueParser('zoom')
    )
    .option(
      '--pan-x <fraction>',
      'still: shift right by a fraction of the width, -0.5…0.5',
      cameraValueParser('panX')
    )
    .option(
      '--pan-y <fraction>',
      'still: shift down by a fraction of the height, -0.5…0.5',
      cameraValueParser('panY')
    )
    .option(
      '--depth [file.png]',
      'still: also write the depth map to file.png (16-bit grey, near = light, background black); png-seq (no file): also write the depth pass, NAME_depth_00001.png, … and NAME_depth.json (its range)'
    )
    .addOption(
      new Option('--preset <name>', 'portrait to video: a built-in animation').choices([...PRESET_NAMES])
    )
    .option('--seconds <s>', `preset: length of the clip (default ${DEFAULT_PRESET_SECONDS})`, parseSeconds)
    .option(
      '--fps <n>',
      `video: frames per second (default: ${DEFAULT_PRESET_FPS} for presets, the project's own for projects)`,
      parseFps
    )
    .option(
      '--size <px>',
      `output size: each side of a still or preset (default ${DEFAULT_SIZE}), its longest side with --aspect portrait; the longest side for a project (default: the project's)`,
      parseSize
    )
    .addOption(
      new Option(
        '--aspect <frame>',
        'still or preset: square (default) frames a portrait of another shape on the head, with room for the hair; portrait keeps the whole picture at its own aspect'
      ).choices([...OUTPUT_ASPECTS])
    )
    .addOption(
      new Option('--range <range>', 'project: what to render (default all)').choices(['all', 'work-area'])
    )
    .addOption(
      new Option('--quality <q>', 'video: encoder quality (default standard)').choices([
        'draft',
        'standard',
        'high'
      ])
    )
    .option(
      '--face <n>',
      'which face, 1 = the largest (default: 1, or the face chosen in the project)',
      parseFaceNumber
    )
    .option('--threads <n>', 'CPU threads for inference, 1…64', parseThreads, 2)
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  mimesis render portrait.jpg --expr smile=0.8,jawOpen=0.3 --yaw 20 --pitch -5 --out frame.png --depth depth.png\n' +
        '  mimesis render portrait.jpg --preset expressions --seconds 6 --fps 30 --out clip.mp4\n' +
        '  mimesis render tall-painting.jpg --preset turntable --aspect portrait --size 1024 --out turntable.mp4\n' +
        '  mimesis render scene.mimesis --size 1024 --range work-area --out scene.mp4\n' +
        '  mimesis render scene.mimesis --format png-seq --bit-depth 16 --depth --out renders/shot\n' +
        '  mimesis render scene.mimesis --fps 60 --out curves.csv\n' +
        '  mimesis render portrait.jpg --preset expressions --format arkit-json --out curves.json\n' +
        '  mimesis render scene.mimesis --out face.glb\n' +
        '\nA PNG sequence is written into a hidden folder beside --out and renamed when complete; a folder that already\n' +
        'holds files is refused (exit status 73) unless --overwrite, and never replaced when it holds other files than PNG\n' +
        'and JSON. The depth pass is linear in depth over one range for the whole sequence: level 0 = no person,\n' +
        '1 = farPx … 65535 = nearPx (NAME_depth.json gives the range and the formula).\n' +
        '\nRig curves (.csv, .json; --fps and --range apply, no size): one row a frame of the same animation a video\n' +
        "would show, as ARKit's 52 blendshape weights (0..1). The CSV has Live Link Face's layout: Timecode\n" +
        '(HH:MM:SS:FF.fff, FF in 1/60 s), BlendShapeCount, EyeBlinkLeft … TongueOut, HeadYaw/Pitch/Roll (degrees / 180,\n' +
        "as Live Link sends them), the eyes' six rotation columns (the same unit, from the gaze), then the expression\n" +
        'sides ARKit has no shape for (mimesis.<direction>.neg, 0..1) and mimesis.camera.zoom/panX/panY. The JSON\n' +
        "also holds the project's own direction values and camera curves (head angles in radians). Written under a\n" +
        'temporary name and renamed when complete.\n' +
        "\nThe animated 3D face (.glb; --fps, --range and --face apply, no size): binary glTF 2.0 with the portrait's\n" +
        'face mesh (metres, +Y up, facing +Z), the photo as its texture, one morph target per expression direction and\n' +
        'one animation ("performance": the morph weights and the head rotation, one key a frame). Opens in Blender\n' +
        '(File > Import > glTF 2.0) and three.js (GLTFLoader). Written under a temporary name and renamed when complete.\n' +
        '--format obj-seq writes the same face for tools without morph targets: a folder NAME/ of one Wavefront OBJ a\n' +
        'frame (NAME_00001.obj, …: the mesh deformed and turned as that frame shows it), NAME.mtl and the textures\n' +
        'NAME_face.png and NAME_eyes.png; written into a hidden folder and renamed when complete, like a PNG sequence.\n' +
        `\nExpression directions of the built-in pack: ${BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name).join(', ')}.\n` +
        '\nCtrl-C (or SIGTERM) cancels: nothing is left under the output name, and the exit status is 130.\n'
    )
    .action(async (input: string, options: RenderCliOptions) => {
      const job = resolveRenderJob(input, options)
      const summary = await runWithProgress(options.threads, (deps) => runRender(job, deps))
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${describe(summary)}\n`)
    })
}

function describe(summary: RenderSummary): string {
  const seconds = (summary.elapsedMs / 1000).toFixed(1)
  if (summary.kind === 'still') {
    const depth = summary.depth ? ` and ${summary.depth}` : ''
    return (
      `wrote ${summary.out}${depth} (${summary.width}x${summary.height}, face ${summary.face}` +
      `${describeFraming(summary.framing)}) in ${seconds} s`
    )
  }
  const what = summary.preset ? `the ${summary.preset} preset` : summary.input
  if (summary.kind === 'curves') {
    return (
      `wrote ${summary.out}: the rig curves of ${what} (ARKit's 52 blendshapes, head and camera), ` +
      `${summary.frames} frames at ${summary.fps} fps, in ${seconds} s`
    )
  }
  if (summary.kind === 'mesh' && summary.format === 'obj-seq') {
    return (
      `wrote ${summary.out}/: the 3D face of ${what} (face ${summary.face}) as ${summary.frames} OBJ frames ` +
      `(${summary.files} files with the MTL and textures) at ${summary.fps} fps, in ${seconds} s`
    )
  }
  if (summary.kind === 'mesh') {
    return (
      `wrote ${summary.out}: the 3D face of ${what} (face ${summary.face}, ${summary.targets} morph targets, ` +
      `head rotation), ${summary.frames} frames at ${summary.fps} fps, in ${seconds} s`
    )
  }
  if (summary.files !== null) {
    const depth = summary.depth ? ' with the depth pass' : ''
    return (
      `wrote ${summary.out}/: ${what}, ${summary.frames} ${summary.bitDepth}-bit PNG frames${depth} ` +
      `(${summary.files} files) at ${summary.width}x${summary.height}, face ${summary.face}` +
      `${describeFraming(summary.framing)}, in ${seconds} s`
    )
  }
  return (
    `wrote ${summary.out}: ${what}, ${summary.frames} frames at ${summary.width}x${summary.height}, ` +
    `${summary.fps} fps, face ${summary.face}${describeFraming(summary.framing)}, in ${seconds} s`
  )
}
