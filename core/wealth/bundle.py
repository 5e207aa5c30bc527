"""Model bundles: a folder with ``manifest.json`` and ONNX files, checked by sha256.

The schema is documented in ``models/README.md``. In short, a bundle holds

* ``manifest.json``: what the model reads (``bands``, ``gsd_m``, ``chip_px``,
  ``context_chips``, ``normalization``), the ``embedder`` and ``head`` ONNX files and their
  input/output names, the ordered ``features`` the head expects, the ``output`` name and
  units, the ``status`` (``demo``, ``trained``, ``weak`` or ``validated``), ``metrics``,
  ``training_data``, ``licence``, ``citation`` and ``files`` (sha256 and size of every file);
* the ONNX files themselves. No pickle, ever.

:func:`load_bundle` validates all of it and refuses a tampered or mismatched file with a
message that says which file and what to do; :func:`write_bundle` writes a new bundle
atomically (a cancelled or failed write leaves no partial folder).

Example::

    from wealthmap.core.wealth.bundle import load_bundle, write_bundle
    bundle = load_bundle("models/wealthmap_demo")
    print(bundle.id, bundle.status, bundle.embedder_path, bundle.feature_names)
    write_bundle("/tmp/my_model", manifest_dict, {"embedder.onnx": bundle.embedder_path, "head.onnx": onnx_model})
"""

import copy
import hashlib
import json
import math
import os
import shutil
import tempfile
import threading
import time

from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..outputs import atomic_folder

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
#: ``weak``: trained, but its cross-validated r² does not beat the best simple baseline (see ``metrics``).
STATUSES = ("demo", "trained", "weak", "validated")
#: Spectral statistics a head may use, computed by :func:`core.wealth.embed.spectral_statistics`.
SPECTRAL_FEATURES = tuple("{}_{}".format(index, stat) for index in ("ndvi", "ndbi", "ndwi") for stat in ("mean", "std"))
EMBEDDING_FEATURE = "embedding"
DEMO_NOTE = "demonstration model, not a wealth estimate"
WEAK_NOTE = "weak model: not better than a simple baseline"
BUNDLED_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "models")
DEFAULT_BUNDLE = os.path.join(BUNDLED_DIR, "wealthmap_demo")

#: Pixel sizes (metres) a bundle may read: from very high resolution aerial imagery to coarse sensors.
GSD_RANGE = (0.1, 1000.0)
MAX_CHIP_PX = 4096
MAX_CONTEXT_CHIPS = 99
#: ONNX metadata key of a head holding its manifest ``features`` list (JSON): the order it was trained on.
FEATURES_METADATA = "wealthmap_features"
#: ONNX metadata key of a head holding what its features were computed with (JSON): the embedder signature
#: (:func:`core.wealth.features.embedder_signature`: embedder file, bands, chip size, pixel size, normalisation)
#: and ``context_chips``.
INPUTS_METADATA = "wealthmap_inputs"

REQUIRED = {
    "schema_version": int,
    "id": str,
    "name": str,
    "status": str,
    "bands": list,
    "gsd_m": (int, float),
    "chip_px": int,
    "context_chips": int,
    "normalization": dict,
    "embedder": dict,
    "head": dict,
    "features": list,
    "output": dict,
    "metrics": dict,
    "training_data": dict,
    "licence": str,
    "citation": str,
    "files": dict,
}


#: The bundled model's texts (manifest ``name``, ``output.units``) and the statuses, for the translation tables.
MANIFEST_TEXTS = (tr_noop("WealthMap demo (built-up share)"),
                  tr_noop("built-up share 0..1 (demonstration target, not wealth)"),
                  tr_noop("demo"), tr_noop("trained"), tr_noop("weak"), tr_noop("validated"))
BASELINE_NAMES = {"mean": tr_noop("training mean"), "group_mean": tr_noop("group mean"),
                  "urban_rural_mean": tr_noop("urban/rural mean")}


def best_baseline(metrics):
    """``(name, r2)`` of the best simple baseline in a training's ``metrics`` (``None, None`` without one)."""
    best = (None, None)
    for key, values in (metrics.get("baselines") or {}).items():
        r2 = values.get("r2") if isinstance(values, dict) else None
        if r2 is not None and math.isfinite(r2) and (best[1] is None or r2 > best[1]):
            best = (key, float(r2))
    return best


def is_weak(metrics):
    """True when the model's cross-validated r² does not beat the best simple baseline's."""
    name, base = best_baseline(metrics)
    model = (metrics.get("model") or {}).get("r2")
    if base is None or model is None or not math.isfinite(model):
        return False
    return float(model) <= base


def weak_warning(metrics):
    """The warning a weak model carries (dock, report, legend), with its figures."""
    name, base = best_baseline(metrics)
    model = (metrics.get("model") or {}).get("r2")
    return tr("Weak model: its cross-validated r² {0:.3f} does not beat the best simple baseline ({1}, r² {2:.3f}); "
              "its maps say less than that baseline. Add survey points, rasters that cover them better, or "
              "group/urban fields, and train again.").format(
        float(model) if model is not None else float("nan"), tr(BASELINE_NAMES.get(name, name or "")),
        base if base is not None else float("nan"))


def sha256_file(path, block=1 << 20):
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(block), b""):
            digest.update(chunk)
    return digest.hexdigest()


#: ``{path: ((size, mtime_ns, ctime_ns, inode), sha256)}`` of files hashed in this process.
_VERIFIED = {}
_VERIFIED_LOCK = threading.Lock()
#: A file changed less than this long before it was hashed is hashed again next time ("racy" stamps:
#: file times have the kernel clock's coarse granularity, so a quick second write could keep them).
_RACY_NS = 2_000_000_000


def _stamp(st):
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def verified_sha256(path):
    """sha256 of ``path``, hashed once per process: hashed again only when the file's size, modification
    or status-change time or inode changed (any write, ``touch``, ``utime`` or replacement changes one of
    them), or when it had changed within 2 s of the last hashing."""
    path = os.path.abspath(path)
    st = os.stat(path)
    with _VERIFIED_LOCK:
        hit = _VERIFIED.get(path)
    if hit is not None and hit[0] == _stamp(st):
        return hit[1]
    now = time.time_ns()
    digest = sha256_file(path)
    after = os.stat(path)
    if _stamp(after) == _stamp(st) and now - max(st.st_mtime_ns, st.st_ctime_ns) > _RACY_NS:
        with _VERIFIED_LOCK:
            _VERIFIED[path] = (_stamp(st), digest)
    return digest


class ModelBundle:
    """A validated bundle: ``path`` (folder), ``manifest`` (dict) and convenient accessors."""

    def __init__(self, path, manifest):
        self.path = os.path.abspath(path)
        self.manifest = manifest

    # --- identity -------------------------------------------------------------------
    @property
    def id(self):
        return self.manifest["id"]

    @property
    def name(self):
        """The model's name in the UI's language (see :meth:`text`)."""
        return self.text("name")

    @property
    def units(self):
        """The output's units in the UI's language, e.g. "built-up share 0..1 (demonstration target, not wealth)"."""
        return self.text("units")

    def text(self, key):
        """A manifest text (``name`` or ``units``) translated: from ``i18n.<key>`` (``[English template,
        [arguments]]``, written by training) when present, else the English text itself through ``tr()``
        (the bundled model's texts are in the translation tables)."""
        template = (self.manifest.get("i18n") or {}).get(key)
        if isinstance(template, (list, tuple)) and len(template) == 2 and isinstance(template[0], str):
            try:
                return tr(template[0]).format(*template[1])
            except (IndexError, KeyError, ValueError, TypeError):
                pass
        value = self.manifest["name"] if key == "name" else self.manifest.get("output", {}).get("units", "")
        return tr(value) if value else ""

    @property
    def status(self):
        return self.manifest["status"]

    @property
    def is_demo(self):
        return self.status == "demo"

    @property
    def is_weak(self):
        """Trained, but not better than the best simple baseline in cross-validation."""
        return self.status == "weak"

    def note(self):
        """What a user must know before reading its maps (translated), or ``""``."""
        if self.is_demo:
            return tr("This is a demonstration model, not a wealth estimate.")
        if self.is_weak:
            return weak_warning(self.manifest.get("metrics", {}))
        return ""

    def label(self):
        """Name shown in the UI and legend; a demo head says it is not a wealth estimate, a weak one that it
        does not beat a simple baseline."""
        if self.is_demo:
            return tr("{0} (demonstration model, not a wealth estimate)").format(self.name)
        if self.is_weak:
            return tr("{0} (weak model: not better than a simple baseline)").format(self.name)
        return "{} ({})".format(self.name, tr(self.status))

    # --- what the model reads -------------------------------------------------------------
    @property
    def bands(self):
        """Band names the model reads, in order (chips are ``(N, len(bands), H, W)``)."""
        return list(self.manifest["bands"])

    @property
    def rgb_bands(self):
        return list(self.manifest["normalization"]["rgb_bands"])

    @property
    def gsd_m(self):
        return float(self.manifest["gsd_m"])

    @property
    def chip_px(self):
        return int(self.manifest["chip_px"])

    @property
    def chip_m(self):
        """Chip side in metres."""
        return self.gsd_m * self.chip_px

    @property
    def context_chips(self):
        return int(self.manifest["context_chips"])

    @property
    def embedder_path(self):
        return os.path.join(self.path, self.manifest["embedder"]["file"])

    @property
    def head_path(self):
        return os.path.join(self.path, self.manifest["head"]["file"])

    @property
    def embedding_dim(self):
        return int(self.manifest["embedder"]["dim"])

    @property
    def feature_names(self):
        """The head's input columns in order, ``embedding`` expanded to ``embedding_0..D-1``."""
        names = []
        for feature in self.manifest["features"]:
            if feature == EMBEDDING_FEATURE:
                names.extend("embedding_{}".format(i) for i in range(self.embedding_dim))
            else:
                names.append(feature)
        return names

    @property
    def n_features(self):
        return len(self.feature_names)

    @property
    def output_name(self):
        return self.manifest["output"].get("name", "wealth")

    @property
    def class_breaks(self):
        """The legend's class breaks (``output.classes``, increasing, in output units) or ``None``.

        With breaks, every prediction of this model gets the same classes, so maps of different
        regions and runs compare; without (older or third-party bundles), classes are the natural
        breaks of each prediction's values."""
        breaks = self.manifest["output"].get("classes")
        return [float(v) for v in breaks] if breaks else None

    def __repr__(self):
        return "ModelBundle({!r}, id={!r}, status={!r})".format(self.path, self.id, self.status)


def legend_breaks(values, classes=7):
    """Fixed legend breaks for a model (``output.classes``): the 1/n .. (n-1)/n quantiles of its training
    target ``values``, rounded to a readable step (2 significant digits of the target's spread), so that
    each class holds about as many training places and maps of any region use the same classes.
    ``None`` when the values do not give at least two distinct breaks."""
    import numpy as np

    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if len(v) < classes or classes < 3:
        return None
    lo, hi = np.percentile(v, [2, 98])
    spread = float(hi - lo)
    if not spread > 0:
        return None
    decimals = max(0, 1 - int(math.floor(math.log10(spread))))
    breaks = []
    for q in np.quantile(v, [i / classes for i in range(1, classes)]):
        b = round(float(q), decimals)
        if not breaks or b > breaks[-1]:
            breaks.append(b)
    return breaks if len(breaks) >= 2 else None


def _finite(value):
    """``float(value)`` when it is a finite number (not a bool), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _fail(path, problem):
    raise WealthMapError(
        tr("The model bundle '{0}' is not valid: {1}. Use a bundle written by WealthMap (see models/README.md) "
           "or re-export it.").format(path, problem))


def validate_manifest(manifest, path="<manifest>"):
    """Check the manifest's fields and types; raise :class:`WealthMapError` naming the problem."""
    if not isinstance(manifest, dict):
        _fail(path, tr("manifest.json is not a JSON object"))
    for key, kind in REQUIRED.items():
        if key not in manifest:
            _fail(path, tr("manifest.json has no '{0}' field").format(key))
        if not isinstance(manifest[key], kind) or (kind is int and isinstance(manifest[key], bool)):
            _fail(path, tr("manifest field '{0}' has the wrong type").format(key))
    if manifest["schema_version"] > SCHEMA_VERSION:
        _fail(path, tr("schema version {0} is newer than this plugin understands ({1}); update WealthMap").format(
            manifest["schema_version"], SCHEMA_VERSION))
    if manifest["status"] not in STATUSES:
        _fail(path, tr("status '{0}' is not one of {1}").format(manifest["status"], ", ".join(STATUSES)))
    bands = manifest["bands"]
    if not bands or not all(isinstance(b, str) for b in bands) or len(set(bands)) != len(bands):
        _fail(path, tr("'bands' must be a non-empty list of distinct band names"))
    norm = manifest["normalization"]
    for key in ("rgb_bands", "stretch_min", "stretch_max", "mean", "std"):
        if key not in norm:
            _fail(path, tr("normalization has no '{0}'").format(key))
    if not isinstance(norm["rgb_bands"], list) or len(norm["rgb_bands"]) != 3 \
            or any(b not in bands for b in norm["rgb_bands"]):
        _fail(path, tr("normalization.rgb_bands must name three of the bands"))
    stretch = [_finite(norm[key]) for key in ("stretch_min", "stretch_max")]
    if None in stretch or not stretch[1] > stretch[0]:
        _fail(path, tr("normalization.stretch_min and stretch_max must be finite numbers with stretch_max above "
                       "stretch_min (got {0!r} and {1!r})").format(norm["stretch_min"], norm["stretch_max"]))
    for key in ("mean", "std"):
        values = [_finite(v) for v in norm[key]] if isinstance(norm[key], list) else []
        if len(values) != 3 or None in values or (key == "std" and not all(v > 0 for v in values)):
            _fail(path, tr("normalization.{0} must list 3 finite numbers, one per RGB band{1} (got {2!r}); a "
                           "zero spread would divide by zero").format(
                key, tr(", each above 0") if key == "std" else "", norm[key]))
    gsd = _finite(manifest["gsd_m"])
    if gsd is None or not GSD_RANGE[0] <= gsd <= GSD_RANGE[1]:
        _fail(path, tr("gsd_m (the pixel size the model reads, in metres) must be from {0:g} to {1:g}; got {2!r}")
              .format(GSD_RANGE[0], GSD_RANGE[1], manifest["gsd_m"]))
    if not 8 <= manifest["chip_px"] <= MAX_CHIP_PX or manifest["context_chips"] < 1 \
            or manifest["context_chips"] > MAX_CONTEXT_CHIPS or manifest["context_chips"] % 2 != 1:
        _fail(path, tr("chip_px must be from 8 to {0} and context_chips an odd number from 1 to {1} (got {2} and "
                       "{3})").format(MAX_CHIP_PX, MAX_CONTEXT_CHIPS, manifest["chip_px"],
                                      manifest["context_chips"]))
    for part, keys in (("embedder", ("file", "input", "output", "dim")), ("head", ("file", "input", "outputs"))):
        for key in keys:
            if key not in manifest[part]:
                _fail(path, tr("'{0}' has no '{1}'").format(part, key))
    outputs = manifest["head"]["outputs"]
    if not isinstance(outputs, dict) or "mean" not in outputs or "std" not in outputs:
        _fail(path, tr("head.outputs must name the 'mean' and 'std' outputs"))
    names = [manifest["embedder"]["input"], manifest["embedder"]["output"], manifest["head"]["input"],
             outputs["mean"], outputs["std"], manifest["embedder"]["file"], manifest["head"]["file"]]
    if not all(isinstance(n, str) and n for n in names):
        _fail(path, tr("the embedder's and head's file, input and output names must be non-empty texts"))
    dim = manifest["embedder"]["dim"]
    if isinstance(dim, bool) or not isinstance(dim, int) or not 1 <= dim <= 1_000_000:
        _fail(path, tr("embedder.dim (the embedding's length) must be a whole number from 1 to 1000000; got {0!r}")
              .format(dim))
    breaks = manifest["output"].get("classes")
    if breaks is not None:
        try:
            values = [float(v) for v in breaks]
        except (TypeError, ValueError):
            values = []
        if len(values) < 1 or not all(math.isfinite(v) for v in values) \
                or any(b <= a for a, b in zip(values, values[1:])):
            _fail(path, tr("output.classes must be a list of increasing numbers (the legend's class breaks)"))
    features = manifest["features"]
    if not features or not all(isinstance(f, str) for f in features) or len(set(features)) != len(features):
        _fail(path, tr("'features' must be a non-empty list of distinct names"))
    for name in (manifest["embedder"]["file"], manifest["head"]["file"]):
        if name not in manifest["files"]:
            _fail(path, tr("the file '{0}' is not listed under 'files' with its sha256").format(name))
    for name, entry in manifest["files"].items():
        if os.path.basename(name) != name or not isinstance(entry, dict) or len(str(entry.get("sha256", ""))) != 64:
            _fail(path, tr("the 'files' entry '{0}' needs a plain file name and a sha256").format(name))
    if os.path.isabs(manifest["embedder"]["file"]) or os.path.isabs(manifest["head"]["file"]):
        _fail(path, tr("file names must be relative to the bundle folder"))
    return manifest


def load_bundle(path=None, check_files=True):
    """Load and validate the bundle in folder ``path`` (or its ``manifest.json``).

    ``path=None`` loads the bundle chosen in the settings (``WEALTH_MODEL_DIR``) or the
    bundled demo. Every file listed in the manifest must exist with the recorded sha256:
    a missing, changed or corrupted file is refused with a :class:`WealthMapError`. A file is
    hashed once per process and again whenever its size, times or inode change
    (:func:`verified_sha256`), so a file edited after a first load is still refused.
    Returns a :class:`ModelBundle`.
    """
    if path is None or path == "":
        from ..settings import WEALTH_MODEL_DIR

        path = WEALTH_MODEL_DIR.value() or DEFAULT_BUNDLE
    path = str(path)
    if os.path.basename(path) == MANIFEST:
        path = os.path.dirname(path)
    manifest_path = os.path.join(path, MANIFEST)
    if not os.path.isfile(manifest_path):
        raise WealthMapError(
            tr("No model bundle at '{0}': the folder has no manifest.json. Choose a folder written by WealthMap "
               "(the bundled one is models/wealthmap_demo).").format(path))
    try:
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError) as err:
        _fail(path, tr("manifest.json cannot be read ({0})").format(err))
    validate_manifest(manifest, path)
    if check_files:
        for name, entry in manifest["files"].items():
            file_path = os.path.join(path, name)
            if not os.path.isfile(file_path):
                raise WealthMapError(
                    tr("The model bundle '{0}' lacks the file '{1}' that its manifest lists. Copy the whole bundle "
                       "folder again.").format(path, name))
            if verified_sha256(file_path) != entry["sha256"]:
                raise WealthMapError(
                    tr("The model file '{0}' in bundle '{1}' does not match its manifest (sha256 differs): it was "
                       "changed or corrupted. Reinstall or re-export the bundle; WealthMap refuses to run it.").format(
                        name, path))
    return ModelBundle(path, manifest)


def json_safe(obj):
    """``obj`` with NaN and infinite numbers as ``None`` (JSON has no NaN: strict readers reject the file)."""
    if isinstance(obj, dict):
        return {k: json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def check_bundle_folder(folder, base=None, replace_demo=False):
    """Refuse a folder a new bundle must not replace (a bundle is written by replacing its folder whole):
    a file; a non-empty folder that is not a WealthMap bundle; a bundle folder holding other files too;
    the bundled demonstration model (unless ``replace_demo``: its own training script); the bundle ``base``
    a training starts from. Also checks the parent folder can be written. Returns the absolute folder."""
    folder = os.path.abspath(str(folder))
    real = os.path.realpath(folder)
    protected = [] if replace_demo else [os.path.realpath(DEFAULT_BUNDLE)]
    if base is not None:
        protected.append(os.path.realpath(str(getattr(base, "path", base))))
    if real in protected:
        raise WealthMapError(tr("The output folder '{0}' is the model bundle the training starts from (or the "
                                "bundled demonstration model); it would be replaced. Choose a new folder.").format(
            folder))
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise WealthMapError(tr("The output '{0}' is a file, not a folder. Choose a new or empty folder for the "
                                "model bundle.").format(folder))
    if os.path.isdir(folder) and os.listdir(folder):
        try:
            existing = load_bundle(folder)
        except WealthMapError as err:
            raise WealthMapError(tr("The folder '{0}' is not empty and holds no valid WealthMap model bundle ({1}); "
                                    "it would be replaced. Choose an empty or new folder.").format(folder, err)) \
                from err
        own = set(existing.manifest.get("files", {})) | {MANIFEST}
        others = sorted(set(os.listdir(folder)) - own)
        if others:
            raise WealthMapError(tr("The folder '{0}' holds a model bundle and other files ({1}); writing the new "
                                    "bundle replaces the folder and would delete them. Move them, or choose a new "
                                    "folder.").format(folder, ", ".join(others[:5])))
    parent = os.path.dirname(folder)
    try:
        os.makedirs(parent, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=".wealthmap-probe-", dir=parent)
        os.rmdir(probe)
    except OSError as err:
        raise WealthMapError(tr("The model bundle cannot be written in '{0}' ({1}). Choose a folder you can write "
                                "to.").format(parent, err)) from err
    return folder


def write_bundle(folder, manifest, files, base=None, replace_demo=False):
    """Write a bundle to ``folder`` and return it loaded (:class:`ModelBundle`).

    :param manifest: the manifest dict without ``files`` (it is filled in here; an
        existing ``files`` entry is replaced). ``schema_version`` defaults to the current one.
    :param files: ``{file name in the bundle: source}`` where the source is a path to copy,
        ``bytes``, or an ``onnx.ModelProto``. Both ``manifest["embedder"]["file"]`` and
        ``manifest["head"]["file"]`` must be among them.

    The bundle is written to a temporary sibling folder and swapped into place
    (:func:`..outputs.atomic_folder`), so a failure or a kill leaves no partial bundle and keeps
    the previous one. An existing bundle at ``folder`` is replaced; an
    existing folder that is not a bundle, or that holds other files besides one, is refused, as are the
    bundled demonstration model and ``base`` (see :func:`check_bundle_folder`).
    """
    folder = check_bundle_folder(folder, base, replace_demo)
    manifest = copy.deepcopy(manifest)
    manifest.setdefault("schema_version", SCHEMA_VERSION)
    os.makedirs(os.path.dirname(folder), exist_ok=True)
    # built in a folder beside it, then swapped in: a failure or a kill leaves the previous bundle whole
    with atomic_folder(folder, tr_noop("model bundle")) as tmp:
        entries = {}
        for name, source in files.items():
            if os.path.basename(name) != name:
                raise WealthMapError(tr("Bundle file names must be plain names, not '{0}'.").format(name))
            target = os.path.join(tmp, name)
            if isinstance(source, (bytes, bytearray)):
                with open(target, "wb") as handle:
                    handle.write(source)
            elif hasattr(source, "SerializeToString"):
                with open(target, "wb") as handle:
                    handle.write(source.SerializeToString())
            else:
                shutil.copyfile(str(source), target)
            entries[name] = {"sha256": sha256_file(target), "bytes": os.path.getsize(target)}
        manifest["files"] = entries
        validate_manifest(manifest, folder)
        with open(os.path.join(tmp, MANIFEST), "w", encoding="utf-8") as handle:
            json.dump(json_safe(manifest), handle, indent=2, ensure_ascii=False, allow_nan=False)
            handle.write("\n")
        os.chmod(tmp, 0o755)
    return load_bundle(folder)
