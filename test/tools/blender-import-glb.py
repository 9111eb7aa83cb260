# Opens a .glb in Blender with its bundled glTF importer (io_scene_gltf2), or one .obj of the OBJ sequence with its
# OBJ importer, and prints what arrived, as one JSON line after the marker MIMESIS_GLB_SUMMARY; optionally renders
# one frame of it. Run headless:
#
#   blender -b --factory-startup --python-exit-code 1 --python test/tools/blender-import-glb.py -- FACE.glb [--fps 24]
#       [--render OUT.png (--shape smile=1 | --frame N) --engine CYCLES|BLENDER_WORKBENCH --size 512]
#
# --fps sets the scene's frame rate before the import (glTF times are seconds; Blender keys frames at this rate).
# --render shows frame N of the animation (--frame), or else clears the animation and sets the named shape keys
# (--shape may repeat); it puts a camera on the face's front (glTF +Z, which the importer turns into Blender's -Y) at
# the height of its middle at rest, and renders to OUT.png.
# Used by test/integration/export/face-glb-blender.test.ts; by hand it is the quickest look at an export in Blender.
import json
import math
import sys

import bpy
from mathutils import Vector

MARKER = "MIMESIS_GLB_SUMMARY"


def parse_args(argv):
    args = argv[argv.index("--") + 1 :] if "--" in argv else []
    if not args:
        raise RuntimeError("usage: blender -b --python-exit-code 1 --python blender-import-glb.py -- FACE.glb [options]")
    opts = {"glb": args[0], "fps": None, "render": None, "shapes": {}, "frame": None, "engine": "CYCLES", "size": 512}
    i = 1
    while i < len(args):
        key, value = args[i], args[i + 1] if i + 1 < len(args) else None
        if value is None:
            raise RuntimeError(f"{key} needs a value")
        if key == "--fps":
            opts["fps"] = int(value)
        elif key == "--render":
            opts["render"] = value
        elif key == "--shape":
            name, _, weight = value.partition("=")
            opts["shapes"][name] = float(weight or "1")
        elif key == "--frame":
            opts["frame"] = int(value)
        elif key == "--engine":
            opts["engine"] = value
        elif key == "--size":
            opts["size"] = int(value)
        else:
            raise RuntimeError(f"unknown option {key}")
        i += 2
    return opts


def empty_scene():
    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj, do_unlink=True)


def action_summary(action):
    start, end = action.frame_range
    paths = sorted({fc.data_path for fc in action.fcurves})
    varying = []
    for fc in action.fcurves:
        values = [k.co[1] for k in fc.keyframe_points]
        if values and max(values) - min(values) > 1e-6:
            varying.append(f"{fc.data_path}[{fc.array_index}]")
    return {
        "name": action.name,
        "frameStart": start,
        "frameEnd": end,
        "keys": max((len(fc.keyframe_points) for fc in action.fcurves), default=0),
        "paths": paths,
        "varying": sorted(set(varying)),
    }


def summary(scene):
    meshes = []
    for obj in scene.objects:
        if obj.type != "MESH":
            continue
        keys = obj.data.shape_keys
        images = set()
        for slot in obj.material_slots:
            material = slot.material
            if material is None or not material.use_nodes:
                continue
            for node in material.node_tree.nodes:
                if node.type == "TEX_IMAGE" and node.image is not None:
                    images.add(node.image.name)
        meshes.append(
            {
                "name": obj.name,
                "vertices": len(obj.data.vertices),
                "polygons": len(obj.data.polygons),
                "uvLayers": len(obj.data.uv_layers),
                "materials": [s.material.name for s in obj.material_slots if s.material is not None],
                "images": sorted(images),
                "shapeKeys": [k.name for k in keys.key_blocks] if keys else [],
            }
        )
    head = next((o for o in scene.objects if o.name == "head"), None)
    head_action = head.animation_data.action if head and head.animation_data else None
    head_paths = action_summary(head_action)["varying"] if head_action else []
    return {
        "blender": bpy.app.version_string,
        "fps": scene.render.fps,
        "objects": sorted(o.name for o in scene.objects),
        "meshes": meshes,
        "actions": [action_summary(a) for a in bpy.data.actions],
        "images": [
            {"name": im.name, "size": list(im.size), "packed": im.packed_file is not None} for im in bpy.data.images
        ],
        "headRotationAnimated": any(p.startswith("rotation") for p in head_paths),
    }


def world_box(objects):
    corners = [o.matrix_world @ Vector(c) for o in objects for c in o.bound_box]
    low = Vector([min(c[i] for c in corners) for i in range(3)])
    high = Vector([max(c[i] for c in corners) for i in range(3)])
    return low, high


def pose(scene, opts):
    """The animation's frame `--frame`, or the rest pose with the `--shape` weights."""
    if opts["frame"] is not None:
        scene.frame_set(opts["frame"])
        return
    for obj in scene.objects:
        obj.animation_data_clear()
        if obj.type == "MESH" and obj.data.shape_keys:
            obj.data.shape_keys.animation_data_clear()
            for block in obj.data.shape_keys.key_blocks[1:]:
                block.value = opts["shapes"].get(block.name, 0.0)
        if obj.rotation_mode == "QUATERNION" and obj.name == "head":
            obj.rotation_quaternion = (1, 0, 0, 0)


def render(scene, opts):
    faces = [o for o in scene.objects if o.type == "MESH"]
    scene.frame_set(scene.frame_start)
    bpy.context.view_layer.update()
    low, high = world_box(faces)
    middle = (low + high) / 2
    height = high.z - low.z
    # The camera on the face's front: glTF's +Z (out of the face) is Blender's -Y; looking along +Y, up +Z.
    data = bpy.data.cameras.new("front")
    data.lens = 85
    camera = bpy.data.objects.new("front", data)
    distance = 1.6 * height * data.lens / data.sensor_width
    camera.location = (middle.x, middle.y - distance, middle.z)
    camera.rotation_euler = (math.pi / 2, 0, 0)
    scene.collection.objects.link(camera)
    scene.camera = camera
    light = bpy.data.objects.new("key", bpy.data.lights.new("key", "SUN"))
    light.rotation_euler = (math.radians(84), 0, math.radians(-12))
    light.data.energy = 3
    scene.collection.objects.link(light)
    pose(scene, opts)
    if scene.world is None:
        scene.world = bpy.data.worlds.new("world")
    scene.world.color = (0.25, 0.25, 0.25)
    scene.render.engine = opts["engine"]
    if opts["engine"] == "CYCLES":
        scene.cycles.device = "CPU"
        scene.cycles.samples = 16
        scene.cycles.use_denoising = False
    else:
        scene.display.shading.light = "FLAT"
        scene.display.shading.color_type = "TEXTURE"
    scene.render.resolution_x = opts["size"]
    scene.render.resolution_y = opts["size"]
    scene.render.resolution_percentage = 100
    scene.render.image_settings.file_format = "PNG"
    scene.render.filepath = opts["render"]
    bpy.ops.render.render(write_still=True)


def numpy_bool_alias():
    """Debian's Blender 3.4.1 importer uses np.bool, which NumPy 1.24 removed; give it back the builtin it meant."""
    try:
        import numpy
    except ImportError:
        return
    if "bool" not in numpy.__dict__:
        numpy.bool = bool


def main():
    opts = parse_args(sys.argv)
    numpy_bool_alias()
    scene = bpy.context.scene
    empty_scene()
    if opts["fps"]:
        scene.render.fps = opts["fps"]
        scene.render.fps_base = 1
    if opts["glb"].lower().endswith(".obj"):
        # One frame of the OBJ sequence, through Blender's own OBJ importer (forward -Z, up Y: glTF's axes).
        result = bpy.ops.wm.obj_import(filepath=opts["glb"])
    else:
        result = bpy.ops.import_scene.gltf(filepath=opts["glb"])
    if "FINISHED" not in result:
        raise RuntimeError(f"the importer did not finish: {result}")
    print(MARKER, json.dumps(summary(scene)), flush=True)
    if opts["render"]:
        render(scene, opts)


main()
