"""The cache of empty output templates (``<profile>/wealthmap/cache/outputs``): what a template is keyed
on and how big the folder may grow.

A template is keyed on what its style *means*, not on the QML's bytes: QGIS 3.44 gives every symbol layer
and class a new random id (``id="{uuid}"``, ``uuid="{...}"``) each time a style is written, so hashing the
text would never hit again and the folder would grow by one template per prediction. :func:`style_key`
drops the identifiers QGIS generates (any attribute holding a UUID: symbol-layer ``id``, class ``uuid``,
rule ``key``) and the elevation-profile symbols a new layer gets in random colours
(``<elevation><profileLineSymbol>``..., QGIS >= 3.26: the plugin does not set them and they do not draw
on the map), orders attributes and ignores layout whitespace; everything else (renderer, classes,
colours, labels, metadata, properties) stays in the key.

The folder is bounded: :func:`prune` keeps at most :data:`MAX_TEMPLATES` templates and
:data:`MAX_BYTES` bytes, dropping the least recently used first (a hit refreshes the file's access time
through :func:`touch`, its modification time is left as it is), and removes partial files a crashed run
left behind.
"""

import hashlib
import os
import re
import time
import xml.etree.ElementTree as ET

#: Most templates kept (one per layer name, CRS, model and style; a template is ~135 KB).
MAX_TEMPLATES = 32
#: Most bytes kept in the folder.
MAX_BYTES = 16 * 1024 * 1024
#: A partial file (``*.part.gpkg``) older than this (seconds) is from a run that did not finish.
STALE_PART_S = 3600

_UUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")


def _random_default(parent, child):
    """A part QGIS fills with random values for every new layer (see the module)."""
    return parent.tag == "elevation" and child.tag.startswith("profile") and child.tag.endswith("Symbol")


def _canonical(element, out):
    attrs = sorted((name, value) for name, value in element.attrib.items()
                   if not _UUID.match(value))
    out.append("<{}{}>".format(element.tag, "".join(' {}="{}"'.format(n, v) for n, v in attrs)))
    text = (element.text or "").strip()
    if text:
        out.append(text)
    for child in element:
        if _random_default(element, child):
            continue
        _canonical(child, out)
        tail = (child.tail or "").strip()
        if tail:
            out.append(tail)
    out.append("</{}>".format(element.tag))


def style_key(qml):
    """A hex digest of what the QML style means: the same for two exports of one style that differ only in
    the random ids QGIS generates, different when anything else differs. ``""`` for no style."""
    if not qml:
        return ""
    try:
        root = ET.fromstring(qml)
    except ET.ParseError:  # not XML: the text itself is the key
        return hashlib.sha256(qml.encode("utf-8")).hexdigest()
    out = []
    _canonical(root, out)
    return hashlib.sha256("".join(out).encode("utf-8")).hexdigest()


def touch(path):
    """Mark a template as used now (access time) without changing its modification time."""
    try:
        stat = os.stat(path)
        os.utime(path, ns=(time.time_ns(), stat.st_mtime_ns))
    except OSError:
        pass


def prune(folder, keep=None, max_templates=None, max_bytes=None):
    """Bound the template folder: at most ``max_templates`` templates and ``max_bytes`` bytes, least
    recently used dropped first; ``keep`` (a path) is never dropped. Stale partial files are removed.
    Returns the names removed. Errors (a file in use, a read-only folder) leave the file where it is."""
    max_templates = MAX_TEMPLATES if max_templates is None else max_templates
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    now = time.time()
    entries, removed = [], []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        path = os.path.join(folder, name)
        try:
            stat = os.stat(path)
        except OSError:
            continue
        if ".part." in name:
            if now - stat.st_mtime > STALE_PART_S:
                try:
                    os.remove(path)
                    removed.append(name)
                except OSError:
                    pass
            continue
        if name.endswith(".gpkg"):
            entries.append((max(stat.st_atime, stat.st_mtime), stat.st_size, path))
    entries.sort(reverse=True)  # most recently used first
    total, kept = 0, 0
    keep = os.path.abspath(keep) if keep else None
    for _, size, path in entries:
        if os.path.abspath(path) == keep or (kept < max_templates and total + size <= max_bytes):
            kept += 1
            total += size
            continue
        try:
            os.remove(path)
            removed.append(os.path.basename(path))
        except OSError:
            pass
    return removed
