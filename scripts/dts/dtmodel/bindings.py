"""Bindings: what a compatible's node must look like, one YAML file per compatible, in the
style of Zephyr's (dts/bindings/<compatible>.yaml, and an application's own dts/bindings/):

    description: ARM PL061 GPIO controller
    compatible: "arm,pl061"
    memory-type: device        # optional: normal, normal-noexec or device (the default)
    properties:
      reg:
        type: array
        required: true

Every compatible of an okay node needs a binding; each property the binding names is
checked for its type, and a required one for its presence. Properties a binding does not
name are allowed (the generic macros describe them).
"""

import os

import yaml

from .errors import DtError
from .model import MEMORY_TYPES

try:
    _LOADER = yaml.CSafeLoader  # libyaml: the speed of the generator depends on it
except AttributeError:
    _LOADER = yaml.SafeLoader

TYPES = ("boolean", "int", "array", "uint8-array", "string", "string-array", "phandle",
         "phandle-array")
TOP_KEYS = ("description", "compatible", "memory-type", "properties")
PROP_KEYS = ("type", "required", "description")

# Properties every node may have, with their types.
BASE_PROPERTIES = {
    "compatible": "string-array",
    "status": "string",
    "reg": "array",
    "interrupts": "array",
    "interrupt-parent": "phandle",
    "erika,passthrough": "boolean",
    "#address-cells": "int",
    "#size-cells": "int",
}


class Binding:
    def __init__(self, path, compatible, memory_type, properties):
        self.path = path
        self.compatible = compatible
        self.memory_type = memory_type
        self.properties = properties  # name -> (type, required)


def _fail(path, message, mark=None):
    where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
    return DtError(where, None, None, message)


def _check_properties(path, props):
    if props is None:
        return {}
    if not isinstance(props, dict):
        raise _fail(path, "properties: must be a mapping of property names")
    result = {}
    for name, spec in props.items():
        if not isinstance(name, str) or not isinstance(spec, dict):
            raise _fail(path, f"properties: {name}: must be a mapping with type: and "
                              "required:")
        unknown = [k for k in spec if k not in PROP_KEYS]
        if unknown:
            raise _fail(path, f"properties: {name}: unknown key {unknown[0]!r} (allowed: "
                              + ", ".join(PROP_KEYS) + ")")
        kind = spec.get("type")
        if kind not in TYPES:
            raise _fail(path, f"properties: {name}: type: {kind!r} is not one of "
                              + ", ".join(TYPES))
        required = spec.get("required", False)
        if not isinstance(required, bool):
            raise _fail(path, f"properties: {name}: required: must be true or false")
        result[name] = (kind, required)
    return result


def load_binding(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except OSError as e:
        raise _fail(path, f"cannot open: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise _fail(path, "not UTF-8 text") from e
    except yaml.YAMLError as e:
        raise _fail(path, f"not YAML: {getattr(e, 'problem', None) or e}",
                    getattr(e, "problem_mark", None)) from e
    if not isinstance(data, dict):
        raise _fail(path, "must be a mapping with compatible: and properties:")
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        raise _fail(path, f"unknown key {unknown[0]!r} (allowed: " + ", ".join(TOP_KEYS) + ")")
    compatible = data.get("compatible")
    if not isinstance(compatible, str) or not compatible:
        raise _fail(path, "compatible: missing or not a string")
    if os.path.basename(path) != compatible + ".yaml":
        raise _fail(path, f'the file of compatible "{compatible}" is named {compatible}.yaml')
    memory_type = data.get("memory-type")
    if memory_type is not None and memory_type not in MEMORY_TYPES:
        raise _fail(path, f"memory-type: {memory_type!r} is not one of "
                          + ", ".join(MEMORY_TYPES))
    return Binding(path, compatible, memory_type,
                   _check_properties(path, data.get("properties")))


class Bindings:
    """The bindings of the given directories (missing directories are skipped: an
    application need not have dts/bindings/)."""

    def __init__(self, directories):
        self.by_compat = {}
        for directory in directories:
            if not os.path.isdir(directory):
                continue
            for name in sorted(os.listdir(directory)):
                if not name.endswith(".yaml"):
                    continue
                binding = load_binding(os.path.join(directory, name))
                other = self.by_compat.get(binding.compatible)
                if other is not None:
                    raise _fail(binding.path, f'compatible "{binding.compatible}" also has '
                                              f"the binding {other.path}")
                self.by_compat[binding.compatible] = binding

    def get(self, compat):
        return self.by_compat.get(compat)

    def compatibles(self):
        return self.by_compat.keys()


def _type_ok(tree, node, prop, kind):
    value = node.props[prop]
    if kind == "boolean":
        return not value
    if kind in ("int", "phandle"):
        if len(value) != 4:
            return False
        return kind == "int" or node.u32(prop) in tree.by_phandle
    if kind in ("array", "phandle-array"):
        return bool(value) and len(value) % 4 == 0
    if kind == "string":
        return node.is_single_string(prop)
    if kind == "string-array":
        return node.is_string_list(prop)
    return True  # uint8-array: any bytes


def validate(model):
    """Checks every okay node against the bindings of its compatibles; raises DtError naming
    the DTB, the node and the property."""
    tree = model.tree
    for node in model.okay_nodes():
        compats = node.strings("compatible")
        for compat in compats:
            if model.bindings.get(compat) is None:
                raise tree.error(node, "compatible",
                                 f'no binding for "{compat}": add dts/bindings/{compat}.yaml '
                                 "(or the application's dts/bindings/)")
        if not compats:
            continue
        binding = model.bindings.get(compats[0])
        for prop, kind in BASE_PROPERTIES.items():
            if prop in node.props and prop not in binding.properties \
                    and not _type_ok(tree, node, prop, kind):
                raise tree.error(node, prop, f"is not of type {kind}")
        for prop, (kind, required) in binding.properties.items():
            if prop not in node.props:
                if required:
                    raise tree.error(node, prop, f"missing: required by {binding.path}")
            elif not _type_ok(tree, node, prop, kind):
                raise tree.error(node, prop, f"is not of type {kind} ({binding.path})")
