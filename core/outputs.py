"""What WealthMap never does to your files: one path guard and one atomic writer for every job.

* :func:`guard` resolves every input and output of a call (real paths, ``file.gpkg|layername=x``
  sources, ``file:///...?`` delimited-text URIs, the sidecar files of a shapefile or a SQLite
  database, hard links) and refuses an output that is an input, lies inside an input folder, holds
  an input, or is another output of the same call, with a message naming both files.
* :func:`atomic_output` (a file) and :func:`atomic_folder` (a model bundle) give a temporary path
  beside the target, in the same folder; when the block ends without error the new file is flushed
  to disk (``fsync``) and moved over the old one with ``os.replace``, so a reader, a crash or a kill
  sees either the old complete file or the new complete one. On an error the temporary file is
  removed and the old file is untouched. Temporary files of a killed run are removed by the next
  write to the same target.
* :func:`check_writable` says clearly when a folder does not exist or cannot be written.
* :func:`temporary_output` gives a path for an output the user did not name, in the profile's
  ``wealthmap/temporary`` folder, which is kept under a size and age bound.
* :func:`save_style_file` writes a layer's style as a ``.qml`` and checks the file is complete.

Every job (geocoding, address index, join, thematic styles and exports, prediction, training) calls
these; nothing re-implements them.
"""

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sqlite3
import stat
import threading
import time
import uuid

from .errors import WealthMapError
from .i18n import tr, tr_noop

#: Files a format keeps beside the main file (replaced with it, guarded with it).
_SIDECARS = {
    ".shp": [".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd"],
    ".gpkg": ["-wal", "-shm", "-journal"],
    ".sqlite": ["-wal", "-shm", "-journal"],
    ".db": ["-wal", "-shm", "-journal"],
    ".tif": [".aux.xml", ".ovr", ".msk"],
    ".tiff": [".aux.xml", ".ovr", ".msk"],
}
_SQLITE = (".gpkg", ".sqlite", ".db")
_TEMP_MARK = ".wm-"
_TEMP_RE = re.compile(r"\.wm-(\d+)-[0-9a-f]{8}")
#: A temporary file of a live process is left alone unless it is older than this (a reused pid).
STALE_AFTER_S = 24 * 3600

LABEL_OUTPUT = tr_noop("output")
LABEL_INPUT = tr_noop("input")


# --- resolving paths ----------------------------------------------------------------------------
def source_path(source):
    """The file (or folder) path behind ``source``: a path, a ``QgsMapLayer``, a GeoPackage source
    ``file.gpkg|layername=x``, a ``GPKG:file:table`` name, a ``file:///...?...`` URI (delimited text),
    a ``/vsizip/`` path. ``None`` for memory layers, empty values and what names no local file."""
    if source is None:
        return None
    if hasattr(source, "dataProvider") and hasattr(source, "source"):  # a QgsMapLayer
        provider = source.providerType() if hasattr(source, "providerType") else ""
        if provider in ("memory", "virtual", "wms", "wfs", "arcgisfeatureserver", "postgres"):
            return None
        source = source.source()
    if not isinstance(source, (str, os.PathLike)):
        source = getattr(source, "path", source)  # a model bundle, a raster source
    try:
        text = os.fspath(source)
    except TypeError:
        return None
    text = str(text).strip()
    if not text or text.startswith("memory:") or text == "TEMPORARY_OUTPUT":
        return None
    if text.lower().startswith("file:"):
        from qgis.PyQt.QtCore import QUrl

        text = QUrl(text).toLocalFile() or text[5:].split("?")[0]
    if text.upper().startswith("GPKG:"):
        text = text[5:].rsplit(":", 1)[0] if text.count(":") > 1 else text[5:]
    for prefix in ("/vsizip/", "/vsigzip/", "/vsitar/"):
        if text.startswith(prefix):
            text = text[len(prefix):]
            match = re.search(r"\.(zip|gz|tgz|tar)(?=/|$)", text, re.IGNORECASE)
            if match:
                text = text[:match.end()]
    text = text.split("|")[0]
    if text.startswith("/vsi"):
        return None
    return os.path.realpath(os.path.abspath(os.path.expanduser(text)))


def related_files(path):
    """``path`` and the sidecar files its format keeps beside it (``.shx``/``.dbf`` of a shapefile,
    ``-wal``/``-shm`` of a GeoPackage, ``.aux.xml`` of a GeoTIFF)."""
    stem, ext = os.path.splitext(path)
    ext = ext.lower()
    files = [path]
    for side in _SIDECARS.get(ext, []):
        files.append(stem + side if side.startswith(".") and ext == ".shp" else path + side)
    return files


def _identity(path):
    """(device, inode) of an existing path (hard links and bind mounts compare equal), else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _inside(path, folder):
    folder = folder.rstrip(os.sep) + os.sep
    return path.startswith(folder)


def _clash(a, b):
    """Whether writing output ``a`` would touch ``b`` (same file, a sidecar of it, or one inside the other)."""
    if a == b or _inside(b, a) or _inside(a, b) and not os.path.isfile(b):
        return True
    files_a, files_b = set(related_files(a)), set(related_files(b))
    if files_a & files_b:
        return True
    ids_a = {_identity(p) for p in files_a} - {None}
    return bool(ids_a & ({_identity(p) for p in files_b} - {None}))


def _label(label):
    return tr(label) if label else tr(LABEL_OUTPUT)


def guard(inputs=(), outputs=()):
    """Refuse a call whose outputs would overwrite one of its inputs or one another.

    ``inputs`` and ``outputs``: ``[(label, source)]`` where ``label`` names the parameter for the user
    (translated) and ``source`` is anything :func:`source_path` understands (``None`` entries are skipped;
    an output folder, e.g. a model bundle, must not hold an input). Returns the resolved output paths
    (``None`` where the output is ``None``, in the order given)."""
    ins = [(label, source_path(src)) for label, src in inputs]
    ins = [(label, path) for label, path in ins if path]
    outs = []
    for label, dest in outputs:
        path = source_path(dest)
        outs.append((label, path))
        if not path:
            continue
        for in_label, in_path in ins:
            if _clash(path, in_path):
                if path == in_path or not _inside(in_path, path):
                    raise WealthMapError(tr(
                        "The {0} '{1}' is also the {2} ('{3}'): writing it would destroy that file. Choose another "
                        "file name (or folder) for the {0}.").format(_label(label), dest, _label(in_label), in_path))
                raise WealthMapError(tr(
                    "The {0} '{1}' holds the {2} ('{3}'): writing it would destroy that file. Choose another folder "
                    "for the {0}.").format(_label(label), dest, _label(in_label), in_path))
        for other_label, other in outs[:-1]:
            if other and _clash(path, other):
                raise WealthMapError(tr(
                    "The {0} and the {1} are the same file ('{2}'): one would overwrite the other. Give them "
                    "different file names.").format(_label(other_label), _label(label), path))
    return [path for _label_, path in outs]


# --- writable folders -----------------------------------------------------------------------------
def check_writable(path, label=None):
    """Raise a clear :class:`WealthMapError` unless ``path`` can be written: its folder exists and can
    be written, and ``path`` is not a folder nor a read-only file. Returns the absolute path."""
    path = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(path)
    what = _label(label)
    if not os.path.isdir(folder):
        raise WealthMapError(tr("Cannot write the {0} '{1}': the folder '{2}' does not exist. Choose a folder you can "
                                "write to, or create it.").format(what, path, folder))
    if os.path.isdir(path):
        raise WealthMapError(tr("Cannot write the {0} '{1}': it is a folder. Give a file name.").format(what, path))
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise WealthMapError(tr("Cannot write the {0} '{1}': the file is read-only. Choose another file name, or make "
                                "it writable first.").format(what, path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _read_only(what, path, folder)
    return path


def _read_only(what, path, folder, err=None):
    detail = " ({})".format(err.strerror or err) if err is not None else ""
    return WealthMapError(tr("Cannot write the {0} '{1}': the folder '{2}' is read-only for you{3}. Choose a folder "
                             "you can write to (e.g. in your Documents), or ask for write permission on it.").format(
        what, path, folder, detail))


def _write_error(what, path, err):
    folder = os.path.dirname(path)
    if isinstance(err, PermissionError) or getattr(err, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _read_only(what, path, folder, err)
    if getattr(err, "errno", None) == errno.ENOSPC:
        return WealthMapError(tr("Cannot write the {0} '{1}': the disk is full. Free some space or choose another "
                                 "folder; the previous file is unchanged.").format(what, path))
    return WealthMapError(tr("Cannot write the {0} '{1}' ({2}). Choose a folder you can write to; the previous file "
                             "is unchanged.").format(what, path, err))


# --- temporary names beside the target ---------------------------------------------------------
def _stem_ext(path):
    name = os.path.basename(path)
    lower = name.lower()
    for ext in (".aux.xml", ".osm.pbf"):
        if lower.endswith(ext):
            return name[: -len(ext)], name[-len(ext):]
    stem, ext = os.path.splitext(name)
    return stem, ext


def temp_path(path, tag=""):
    """A new name beside ``path`` in the same folder: ``.<stem>.wm-<pid>-<random><tag><ext>`` (the extension
    kept: drivers pick the format by it)."""
    stem, ext = _stem_ext(path)
    name = ".{}{}{}-{}{}{}".format(stem, _TEMP_MARK, os.getpid(), uuid.uuid4().hex[:8], tag, ext)
    return os.path.join(os.path.dirname(path), name)


def _alive(pid):
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale(path):
    """Remove what a killed run left beside ``path`` (its temporary files and folders), and put back a
    model bundle that a killed swap had moved aside. Returns the names removed."""
    folder = os.path.dirname(os.path.abspath(path))
    stem, _ext = _stem_ext(path)
    prefix = "." + stem + _TEMP_MARK
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for name in sorted(names):
        if not name.startswith(prefix):
            continue
        match = _TEMP_RE.match(name, len(stem) + 1)
        if match is None:
            continue
        full = os.path.join(folder, name)
        try:
            age = now - os.lstat(full).st_mtime
        except OSError:
            continue
        if _alive(int(match.group(1))) and age < STALE_AFTER_S:
            continue
        if name.endswith(".old") and os.path.isdir(full) and not os.path.exists(path):
            try:  # a bundle swap killed between its two renames: the previous bundle comes back
                os.rename(full, path)
                continue
            except OSError:
                pass
        try:
            if os.path.isdir(full) and not os.path.islink(full):
                shutil.rmtree(full)
            else:
                os.remove(full)
            removed.append(name)
        except OSError:
            pass
    return removed


def _fsync_file(path):
    """Flush a file (or, on POSIX, a folder's entries) to disk; best effort."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_dir(folder):
    if os.name == "posix":
        _fsync_file(folder)


def settle_sqlite(path):
    """Fold a SQLite file's write-ahead log into it and leave no journal beside it (so the file alone is
    complete before it is moved into place)."""
    if not os.path.exists(path + "-wal") and not os.path.exists(path + "-journal"):
        return
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    for side in ("-wal", "-shm"):
        if os.path.exists(path + side):
            os.remove(path + side)


def _remove_all(paths):
    for p in paths:
        try:
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            elif os.path.lexists(p):
                os.remove(p)
        except OSError:
            pass


def commit(tmp, path):
    """Move the complete file ``tmp`` (and its sidecars) over ``path``: flushed first, replaced last."""
    ext = os.path.splitext(path)[1].lower()
    if ext in _SQLITE:
        settle_sqlite(tmp)
    pairs = list(zip(related_files(tmp), related_files(path)))
    main_tmp, main = pairs[0]
    try:  # the new file keeps the old one's permissions
        os.chmod(main_tmp, stat.S_IMODE(os.stat(main).st_mode))
    except OSError:
        pass
    for src, dst in pairs[1:]:
        if ext in _SQLITE:  # the journal of the old file must not be read with the new one
            continue
        if os.path.exists(src):
            _fsync_file(src)
            os.replace(src, dst)
        elif os.path.exists(dst):
            os.remove(dst)  # a sidecar of the old file the new one does not have
    _fsync_file(main_tmp)
    os.replace(main_tmp, main)
    if ext in _SQLITE:
        for side in ("-wal", "-shm", "-journal"):
            if os.path.exists(main + side):
                try:
                    os.remove(main + side)
                except OSError:
                    pass
    _fsync_dir(os.path.dirname(main))


@contextlib.contextmanager
def atomic_output(path, label=None):
    """Write the file ``path`` as a whole: ``with atomic_output(path) as tmp: write(tmp)``.

    ``tmp`` is a new name in the same folder (same extension). When the block ends without error the file
    is flushed and replaces ``path`` in one rename; on an error (or a kill) ``path`` is untouched and the
    temporary file is removed (now, or by the next write to ``path`` after a kill)."""
    if os.path.islink(path):  # the file the link points to is replaced, not the link
        path = os.path.realpath(path)
    path = check_writable(path, label)
    clean_stale(path)
    tmp = temp_path(path)
    try:
        # the folder can really be written (as root or on a read-only mount os.access says nothing)
        with open(tmp, "wb"):
            pass
        os.remove(tmp)
    except OSError as err:
        raise _write_error(_label(label), path, err) from err
    try:
        yield tmp
        if not os.path.exists(tmp):
            raise WealthMapError(tr("The {0} '{1}' was not written (no file came out). The previous file is "
                                    "unchanged.").format(_label(label), path))
        try:
            commit(tmp, path)
        except OSError as err:  # the folder could be written: the old file is held (open elsewhere, on Windows)
            raise WealthMapError(tr("Could not replace the {0} '{1}' ({2}). Close it in other programs (or remove the "
                                    "layer from the project) and run again; the previous file is unchanged.").format(
                _label(label), path, err.strerror or err)) from err
    finally:
        _remove_all(related_files(tmp))


def write_text(path, text, label=None, encoding="utf-8"):
    """Write ``text`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, label) as tmp:
        with open(tmp, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
    return path


# --- folders (model bundles) -------------------------------------------------------------------
def _exchange(a, b):
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where not available."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@contextlib.contextmanager
def atomic_folder(path, label=None):
    """Write the folder ``path`` as a whole: ``with atomic_folder(path) as tmp: fill(tmp)``.

    ``tmp`` is a new folder beside ``path``; on success it takes the place of ``path`` (swapped in one step
    on Linux; elsewhere the old folder is moved aside, the new one renamed in, then the old one removed,
    and a kill in between puts the old folder back on the next write). On an error ``path`` is untouched."""
    path = os.path.abspath(os.fspath(path))
    parent = os.path.dirname(path)
    what = _label(label)
    if not os.path.isdir(parent):
        raise WealthMapError(tr("Cannot write the {0} '{1}': the folder '{2}' does not exist. Choose a folder you can "
                                "write to, or create it.").format(what, path, parent))
    clean_stale(path)
    tmp = temp_path(path)
    try:
        os.mkdir(tmp)
    except OSError as err:
        raise _write_error(what, path, err) from err
    old = None
    try:
        yield tmp
        for root, _dirs, files in os.walk(tmp):
            for name in files:
                _fsync_file(os.path.join(root, name))
        _fsync_dir(tmp)
        try:
            if os.path.isdir(path) and _exchange(tmp, path):
                old = tmp  # now holds the previous folder
            else:
                if os.path.isdir(path):
                    old = temp_path(path, ".old")
                    os.rename(path, old)
                os.rename(tmp, path)
        except OSError as err:
            if old and not os.path.exists(path) and os.path.isdir(old):
                os.rename(old, path)
                old = None
            raise _write_error(what, path, err) from err
        _fsync_dir(parent)
    finally:
        _remove_all([tmp] + ([old] if old else []))


# --- outputs nobody named ---------------------------------------------------------------------
#: The temporary-output folder is kept under this many bytes (oldest files removed first) ...
TEMP_BUDGET_BYTES = 2 * 1024 ** 3
#: ... and files older than this are removed; files younger than ``TEMP_KEEP_S`` are always kept.
TEMP_MAX_AGE_S = 7 * 24 * 3600
TEMP_KEEP_S = 24 * 3600
_temp_lock = threading.Lock()


def temporary_folder():
    """The profile's ``wealthmap/temporary`` folder (outputs the user did not name); the system's temporary
    folder's ``wealthmap_temporary`` where the profile cannot be written (kept bounded the same way)."""
    from .settings import data_dir

    try:
        return data_dir("temporary")
    except OSError:
        import tempfile

        folder = os.path.join(tempfile.gettempdir(), "wealthmap_temporary")
        os.makedirs(folder, exist_ok=True)
        return folder


def prune_temporary(folder=None, budget=None, max_age=None, keep=None, now=None):
    """Keep the temporary-output folder bounded: remove files older than ``max_age``, then the oldest
    until the folder holds at most ``budget`` bytes, never a file younger than ``keep`` seconds (it may
    be on the map). Returns the names removed."""
    folder = folder or temporary_folder()
    budget = TEMP_BUDGET_BYTES if budget is None else budget
    max_age = TEMP_MAX_AGE_S if max_age is None else max_age
    keep = TEMP_KEEP_S if keep is None else keep
    now = time.time() if now is None else now
    entries = []
    for name in os.listdir(folder):
        full = os.path.join(folder, name)
        try:
            st = os.stat(full)
        except OSError:
            continue
        if os.path.isfile(full):
            entries.append((st.st_mtime, st.st_size, name))
    entries.sort()
    total = sum(size for _m, size, _n in entries)
    removed = []
    for mtime, size, name in entries:
        age = now - mtime
        if age < keep:
            continue
        if age > max_age or total > budget:
            try:
                os.remove(os.path.join(folder, name))
            except OSError:
                continue
            total -= size
            removed.append(name)
    return removed


def temporary_output(prefix, suffix):
    """A new path for an output the user did not name, in :func:`temporary_folder` (kept bounded)."""
    with _temp_lock:
        folder = temporary_folder()
        try:
            prune_temporary(folder)
        except OSError:
            pass
        return os.path.join(folder, "{}{}_{}{}".format(prefix, time.strftime("%Y%m%d_%H%M%S"),
                                                      uuid.uuid4().hex[:8], suffix))


# --- styles ------------------------------------------------------------------------------------
def save_style_file(layer, path, label=None):
    """Write ``layer``'s style to the ``.qml`` file ``path`` (atomically) and check it is complete: QGIS's
    ``saveNamedStyle`` reports success even when it could not write the file. Returns the path."""
    from qgis.core import QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    label = label or tr_noop("style file")
    path = os.path.abspath(os.fspath(path))
    guard([(tr_noop("styled layer"), layer)], [(label, path)])
    doc = QDomDocument("qgis")
    error = layer.exportNamedStyle(doc, QgsReadWriteContext())
    if error:
        raise WealthMapError(tr("Could not write the style file {0}: {1}").format(path, error))
    text = doc.toString()
    if "<qgis" not in text:
        raise WealthMapError(tr("Could not write the style file {0}: the style is empty.").format(path))
    with atomic_output(path, label) as tmp:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
    check = QDomDocument()
    with open(path, encoding="utf-8") as handle:
        ok = check.setContent(handle.read())
    ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok or check.documentElement().tagName() != "qgis":
        raise WealthMapError(tr("The style file {0} was written but cannot be read back. Choose another folder.")
                             .format(path))
    return path


# --- existing GeoPackages ------------------------------------------------------------------------
#: Written in the description of every GeoPackage table WealthMap creates: a later run may replace it.
GPKG_MARK = "WealthMap output"
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_SYSTEM_TABLES = ("gpkg_", "rtree_", "sqlite_", "gpkgext_")


def is_gpkg(path):
    """True when ``path`` is a GeoPackage (its SQLite header and application id)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return (len(header) == 72 and header[:16] == b"SQLite format 3\x00"
            and int.from_bytes(header[68:72], "big") == _GPKG_APPLICATION_ID)


def gpkg_tables(path):
    """The data tables of a GeoPackage: ``[{"name", "kind", "description", "columns"}]`` (registered
    layers and any other table, e.g. a QGIS project; not the GeoPackage's own tables nor ``layer_styles``)."""
    con = sqlite3.connect("file:{}?mode=ro".format(path), uri=True)
    try:
        registered = {name: (kind, description or "") for name, kind, description in con.execute(
            "SELECT table_name, data_type, description FROM gpkg_contents")}
        names = [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        out = []
        for name in names:
            if name.lower().startswith(_SYSTEM_TABLES) or name == "layer_styles":
                continue
            columns = {row[1] for row in con.execute('PRAGMA table_info("{}")'.format(name.replace('"', '""')))}
            kind, description = registered.get(name, ("table", ""))
            out.append({"name": name, "kind": kind, "description": description, "columns": columns})
        return out
    finally:
        con.close()


def check_replaceable(path, ours=None, label=None, single_ok=True):
    """Refuse to replace an existing GeoPackage (written as a whole new file) when it holds data that is
    not a former WealthMap output: ``ours(table)`` says which tables are ours (default: the description
    carries :data:`GPKG_MARK`); with ``single_ok`` a file of one table is replaced (the file the user
    named as the output). A file that is not a GeoPackage is refused."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return
    what = _label(label)
    if not is_gpkg(path):
        raise WealthMapError(tr("The {0} '{1}' exists and is not a GeoPackage; writing would replace it. Choose a "
                                "new file name.").format(what, path))
    try:
        tables = gpkg_tables(path)
    except sqlite3.Error as err:
        raise WealthMapError(tr("The {0} '{1}' exists and cannot be read as a GeoPackage ({2}); writing would "
                                "replace it. Choose a new file name.").format(what, path, err)) from err
    ours = ours or (lambda table: GPKG_MARK in table["description"])
    foreign = sorted(t["name"] for t in tables if not ours(t))
    if foreign and not (single_ok and len(tables) == 1):
        raise WealthMapError(tr("The {0} '{1}' already holds other layers ({2}), and writing replaces the whole "
                                "file. Choose a new file name, or move those layers elsewhere first.").format(
            what, path, ", ".join(foreign)))
