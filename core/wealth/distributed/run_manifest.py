"""The run manifest: what a distributed run is (inputs' sha256, bundle, partitioning) and which parts are done.

``<run folder>/manifest.json`` holds ``key`` (sha256 of the run's definition) and ``definition``; it is written
once. ``<run folder>/parts.jsonl`` records the finished parts, one JSON line each (``name``, ``file``, ``size``,
``sha256``, ``chips``...), appended and flushed to disk after the part's file is complete (written beside and
renamed). Only the driver (the process that submits the partitions) writes either: a part is recorded with its
whole file or not at all (a torn last line is ignored, its part run again), and a rerun of the same run skips
the recorded parts whose file is intact. A run folder with another key (inputs or parameters changed) is
started afresh.
"""

import hashlib
import json
import os
import shutil

from ... import log
from ...i18n import tr, tr_noop

VERSION = 1
_FILE_HASHES = {}


def sha256_file(path, chunk=1 << 20):
    """sha256 of a file, kept for the process's lifetime per (path, size, modification time)."""
    st = os.stat(path)
    key = (os.path.abspath(path), st.st_size, st.st_mtime_ns)
    if key not in _FILE_HASHES:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(chunk), b""):
                digest.update(block)
        _FILE_HASHES[key] = digest.hexdigest()
    return _FILE_HASHES[key]


def fingerprint(source):
    """What identifies an input: a file's sha256; a folder (a Sentinel-2 .SAFE) the sha256 of its files' names,
    sizes and times; a URL or GDAL virtual path (remote COG, STAC asset) the text itself (its server's
    version is not known here: a STAC source gives its items' ids and ``updated`` through the source hook)."""
    if hasattr(source, "fingerprint") and callable(source.fingerprint):
        return source.fingerprint()
    text = str(source)
    if os.path.isfile(text):
        return "sha256:" + sha256_file(text)
    if os.path.isdir(text):
        digest = hashlib.sha256()
        for folder, _, files in sorted(os.walk(text)):
            for name in sorted(files):
                st = os.stat(os.path.join(folder, name))
                digest.update("{}|{}|{}\n".format(os.path.relpath(os.path.join(folder, name), text), st.st_size,
                                                  st.st_mtime_ns).encode("utf-8"))
        return "tree:" + digest.hexdigest()
    return "uri:" + text


def run_key(definition):
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode("utf-8")).hexdigest()


def write_atomic(path, data):
    """Write ``data`` (bytes) to ``path`` as a whole (``core.outputs.atomic_output``: a file beside it, flushed,
    then renamed over ``path``)."""
    from ...outputs import atomic_output

    with atomic_output(path, tr_noop("run folder file")) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)


class RunManifest:
    """The manifest of the run in ``folder`` (created when missing, restarted when its key differs)."""

    def __init__(self, folder, definition):
        self.folder = folder
        self.path = os.path.join(folder, "manifest.json")
        self.journal = os.path.join(folder, "parts.jsonl")
        self.definition = definition
        self.key = run_key(definition)
        self.parts = {}
        self.restarted = False
        os.makedirs(os.path.join(folder, "parts"), exist_ok=True)
        old = None
        if os.path.exists(self.path):
            try:
                with open(self.path, encoding="utf-8") as handle:
                    old = json.load(handle)
            except (OSError, ValueError):
                old = None
        if old and old.get("key") == self.key and old.get("version") == VERSION:
            for info in self._read_journal():
                if self._intact(info):
                    self.parts[info["name"]] = info
        else:
            if old is not None:
                self.restarted = True
                log.info(tr("The run folder {0} held another run (other inputs or parameters): it is started "
                            "afresh.").format(folder))
            shutil.rmtree(os.path.join(folder, "parts"), ignore_errors=True)
            os.makedirs(os.path.join(folder, "parts"), exist_ok=True)
            if os.path.exists(self.journal):
                os.remove(self.journal)
            body = {"version": VERSION, "key": self.key, "definition": definition}
            write_atomic(self.path, json.dumps(body, indent=1, sort_keys=True).encode("utf-8"))
        # the journal again, without torn lines or parts whose file is gone
        write_atomic(self.journal, "".join(json.dumps(i, sort_keys=True) + "\n" for i in self.parts.values()).encode(
            "utf-8"))

    def _read_journal(self):
        if not os.path.exists(self.journal):
            return []
        found = []
        with open(self.journal, encoding="utf-8") as handle:
            for line in handle:
                try:
                    info = json.loads(line)
                except ValueError:
                    continue  # a line torn by a crash: that part runs again
                if isinstance(info, dict) and isinstance(info.get("name"), str):
                    found.append(info)
        return found

    def _intact(self, info):
        path = os.path.join(self.folder, "parts", info.get("file", ""))
        return os.path.isfile(path) and os.path.getsize(path) == info.get("size")

    def part_path(self, name):
        return os.path.join(self.folder, "parts", name + ".gpkg")

    def is_done(self, name):
        return name in self.parts

    def record(self, name, data, **info):
        """Write part ``name``'s file (``data`` bytes) atomically, then record it in the manifest."""
        path = self.part_path(name)
        write_atomic(path, data)
        entry = dict(info, name=name, file=os.path.basename(path), size=len(data),
                     sha256=hashlib.sha256(data).hexdigest())
        with open(self.journal, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.parts[name] = entry
