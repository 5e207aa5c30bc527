"""Running the bundle's ONNX models: the embedder (CNN) and the head (forest), plus features.

* :class:`Embedder`: ``Embedder(bundle).embed(chips)`` maps reflectance chips
  ``(N, len(bundle.bands), H, W)`` (bundle band order, NaN allowed where invalid) to
  embeddings ``(N, dim)``. It takes the bundle's ``normalization.rgb_bands`` (B04, B03, B02),
  fills invalid pixels with the chip's per-band median, stretches reflectance
  ``stretch_min..stretch_max`` linearly to 0..1 (clipped), applies the ImageNet mean/std
  and runs the ONNX session in batches. Attributes used by the training job:
  ``bands``, ``chip_px``, ``gsd``, ``dim``, ``sha256``.
* :func:`spectral_statistics`: NDVI, NDBI, NDWI mean and std over the valid pixels.
* :func:`feature_matrix`: the head's input columns in manifest order.
* :class:`Head`: ``Head(bundle).predict(features)`` returns ``(mean, std)``.
* :func:`make_session`: an onnxruntime session, CPU by default, CUDA when available and
  asked for; a missing onnxruntime or a corrupt ONNX file gives a clear message.
"""

import os

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr
from .bundle import EMBEDDING_FEATURE, SPECTRAL_FEATURES

#: Band pairs of the normalised differences: (a - b) / (a + b).
INDICES = {"ndvi": ("B08", "B04"), "ndbi": ("B11", "B08"), "ndwi": ("B03", "B08")}


def available_providers():
    try:
        import onnxruntime as ort
    except Exception:  # noqa: BLE001 - missing or broken binary
        return []
    return list(ort.get_available_providers())


def cuda_available():
    return "CUDAExecutionProvider" in available_providers()


def make_session(path, use_cuda=False, threads=None):
    """An ``onnxruntime.InferenceSession`` for ``path``.

    CPU by default; with ``use_cuda`` and the CUDA provider available, CUDA first with CPU
    as fallback. ``threads`` sets intra-op threads (default: onnxruntime's choice).
    """
    try:
        import onnxruntime as ort
    except Exception as err:  # noqa: BLE001 - missing or broken binary
        from ..deps import missing_message

        raise WealthMapError(missing_message("wealth") or tr(
            "onnxruntime cannot be imported ({0}); reinstall it for the Python that QGIS uses.").format(err)) from err
    options = ort.SessionOptions()
    options.log_severity_level = 3
    if threads:
        options.intra_op_num_threads = int(threads)
    providers = ["CPUExecutionProvider"]
    if use_cuda and "CUDAExecutionProvider" in ort.get_available_providers():
        providers = ["CUDAExecutionProvider", "CPUExecutionProvider"]
    try:
        return ort.InferenceSession(str(path), options, providers=providers)
    except Exception as err:  # noqa: BLE001 - onnxruntime raises its own error types
        raise WealthMapError(tr("The ONNX file '{0}' cannot be loaded by onnxruntime ({1}): it is corrupt or not an "
                                "ONNX model. Reinstall or re-export the model bundle.").format(
                                    os.path.basename(str(path)), str(err).splitlines()[0][:200])) from err


def _fill_invalid(chips):
    """Replace NaN pixels by the per-chip, per-band median of the valid ones (0 when none)."""
    if not np.isnan(chips).any():
        return chips
    chips = chips.copy()
    for i in range(chips.shape[0]):
        for b in range(chips.shape[1]):
            band = chips[i, b]
            bad = np.isnan(band)
            if bad.any():
                good = band[~bad]
                band[bad] = float(np.median(good)) if good.size else 0.0
    return chips


def normalise_rgb(rgb, normalization, has_invalid=None, copy=True):
    """Reflectance ``(N, 3, H, W)`` (R, G, B) → the CNN's ImageNet-normalised float32 input.

    ``v = clip((r - stretch_min) / (stretch_max - stretch_min), 0, 1)``, then ``(v - mean) / std``
    per channel (computed as one multiply-add and a per-channel clip, in place).
    ``has_invalid=False`` skips the NaN check (the caller knows every pixel is valid);
    ``copy=False`` works in place on a float32 ``rgb``.
    """
    lo, hi = float(normalization["stretch_min"]), float(normalization["stretch_max"])
    x = np.array(rgb, dtype=np.float32, copy=copy)
    if has_invalid is None or has_invalid:
        x = _fill_invalid(x)
    mean = np.asarray(normalization["mean"], dtype=np.float64)
    std = np.asarray(normalization["std"], dtype=np.float64)
    scale = (1.0 / ((hi - lo) * std)).astype(np.float32)[None, :, None, None]
    bias = ((-lo / (hi - lo) - mean) / std).astype(np.float32)[None, :, None, None]
    x *= scale
    x += bias
    np.clip(x, ((0.0 - mean) / std).astype(np.float32)[None, :, None, None],
            ((1.0 - mean) / std).astype(np.float32)[None, :, None, None], out=x)
    return x


class Embedder:
    """The bundle's CNN: reflectance chips → embeddings.

    :param bundle: a :class:`core.wealth.bundle.ModelBundle`.
    :param use_cuda: run on CUDA when onnxruntime has it (CPU otherwise).
    :param batch_size: chips per onnxruntime call.
    """

    def __init__(self, bundle, use_cuda=False, batch_size=16, threads=None):
        self.bundle = bundle
        self.bands = bundle.bands
        self.chip_px = bundle.chip_px
        self.gsd = bundle.gsd_m
        self.dim = bundle.embedding_dim
        self.sha256 = bundle.manifest["files"][bundle.manifest["embedder"]["file"]]["sha256"]
        self.normalization = bundle.manifest["normalization"]
        self.rgb_index = [self.bands.index(b) for b in bundle.rgb_bands]
        self.batch_size = int(batch_size)
        self.session = make_session(bundle.embedder_path, use_cuda=use_cuda, threads=threads)
        self.input_name = bundle.manifest["embedder"]["input"]
        self.output_name = bundle.manifest["embedder"]["output"]
        self.providers = self.session.get_providers()
        shape = self.session.get_inputs()[0].shape
        if len(shape) != 4 or (isinstance(shape[1], int) and shape[1] != 3):
            raise WealthMapError(tr("The embedder '{0}' expects input of shape {1}, not (N, 3, H, W); the bundle "
                                    "does not fit this plugin.").format(bundle.embedder_path, shape))

    def prepare(self, chips, has_invalid=None):
        """The normalised CNN input for reflectance ``chips`` (bundle band order)."""
        chips = np.asarray(chips, dtype=np.float32)
        if chips.ndim != 4 or chips.shape[1] != len(self.bands):
            raise ValueError("chips must be (N, {}, H, W), got {}".format(len(self.bands), chips.shape))
        rgb = np.take(chips, self.rgb_index, axis=1)  # a new array: normalised in place
        return normalise_rgb(rgb, self.normalization, has_invalid, copy=False)

    def run_prepared(self, x):
        """Embeddings for already normalised input ``x`` (N, 3, H, W) (the pure model)."""
        out = []
        for i in range(0, len(x), self.batch_size):
            out.append(self.session.run([self.output_name], {self.input_name: x[i:i + self.batch_size]})[0])
        if not out:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate(out).astype(np.float32, copy=False)

    def embed(self, chips):
        """Embeddings ``(N, dim)`` float32 of reflectance chips ``(N, len(bands), H, W)``."""
        return self.run_prepared(self.prepare(chips))


def index_arrays(chips, bands):
    """``{"ndvi": (N, H, W), ...}`` normalised differences (NaN where a band is NaN or a+b == 0)."""
    out = {}
    for name, (a, b) in INDICES.items():
        if a not in bands or b not in bands:
            continue
        va, vb = chips[:, bands.index(a)], chips[:, bands.index(b)]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = (va - vb) / (va + vb)
        out[name][~np.isfinite(out[name])] = np.nan
    return out


def spectral_sums(chips, bands, mask=None):
    """Per chip and index: count, sum and sum of squares over the valid pixels.

    Returns ``{index: (n (N,), s (N,), ss (N,))}`` (float64) so that statistics over several
    chips pool exactly (see :func:`stats_from_sums`). Pixels outside ``mask`` (bool
    ``(N, H, W)``), NaN pixels and pixels with a + b == 0 are left out.
    """
    chips = np.asarray(chips, dtype=np.float32)
    n_chips = len(chips)
    result = {}
    for name, (a, b) in INDICES.items():
        if a not in bands or b not in bands:
            continue
        va, vb = chips[:, bands.index(a)], chips[:, bands.index(b)]
        num = va - vb
        den = va + vb
        ok = den != 0  # False for NaN too
        if mask is not None:
            ok &= mask
        values = np.divide(num, den, out=np.zeros_like(num), where=ok)
        flat = values.reshape(n_chips, -1)
        result[name] = (np.count_nonzero(ok.reshape(n_chips, -1), axis=1).astype(np.float64),
                        flat.sum(axis=1, dtype=np.float64), np.einsum("ij,ij->i", flat, flat).astype(np.float64))
    return result


def stats_from_sums(sums, names=SPECTRAL_FEATURES):
    """Columns ``names`` (``ndvi_mean``, ``ndvi_std``...) from :func:`spectral_sums` output."""
    cols = []
    for name in names:
        index, stat = name.rsplit("_", 1)
        n, s, ss = sums[index]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = s / n
            if stat == "mean":
                cols.append(mean)
            else:
                cols.append(np.sqrt(np.maximum(ss / n - mean * mean, 0.0)))
    return np.stack(cols, axis=1).astype(np.float32) if cols else np.zeros((0, 0), np.float32)


def spectral_statistics(chips, bands, mask=None, names=SPECTRAL_FEATURES):
    """``(N, len(names))`` float32: mean/std of NDVI, NDBI, NDWI over each chip's valid pixels.

    ``chips``: reflectance ``(N, B, H, W)`` in the order of ``bands`` (NaN = invalid);
    ``mask``: optional bool ``(N, H, W)`` of the pixels to use (e.g. cloud-free).
    NDVI = (B08-B04)/(B08+B04), NDBI = (B11-B08)/(B11+B08), NDWI = (B03-B08)/(B03+B08).
    """
    return stats_from_sums(spectral_sums(chips, bands, mask), names)


def feature_matrix(bundle, embeddings, stats, stat_names=SPECTRAL_FEATURES):
    """The head's input ``(N, F)`` in manifest order from embeddings ``(N, dim)`` and stats ``(N, k)``."""
    cols = []
    for feature in bundle.manifest["features"]:
        if feature == EMBEDDING_FEATURE:
            cols.append(np.asarray(embeddings, dtype=np.float32))
        elif feature in stat_names:
            cols.append(np.asarray(stats, dtype=np.float32)[:, [list(stat_names).index(feature)]])
        else:
            raise WealthMapError(tr("The model '{0}' expects the feature '{1}', which prediction from imagery cannot "
                                    "compute (only the embedding and {2}). Use a head trained without extra "
                                    "columns.").format(bundle.id, feature, ", ".join(stat_names)))
    return np.hstack(cols).astype(np.float32, copy=False)


class Head:
    """The bundle's head: features ``(N, F)`` → ``(mean, std)``."""

    def __init__(self, bundle, use_cuda=False):
        self.bundle = bundle
        self.session = make_session(bundle.head_path, use_cuda=use_cuda)
        head = bundle.manifest["head"]
        self.input_name = head["input"]
        self.outputs = [head["outputs"]["mean"], head["outputs"]["std"]]
        names = [o.name for o in self.session.get_outputs()]
        inputs = self.session.get_inputs()
        if self.input_name not in [i.name for i in inputs] or any(o not in names for o in self.outputs):
            raise WealthMapError(tr("The head '{0}' does not have the input/outputs its manifest names ({1} -> {2}); "
                                    "the bundle is mismatched. Re-export it.").format(
                                        os.path.basename(bundle.head_path), self.input_name, ", ".join(self.outputs)))
        width = inputs[0].shape[1] if len(inputs[0].shape) == 2 else None
        if isinstance(width, int) and width != bundle.n_features:
            raise WealthMapError(tr("The head '{0}' takes {1} features but the manifest lists {2}; the bundle is "
                                    "mismatched. Re-export it.").format(
                                        os.path.basename(bundle.head_path), width, bundle.n_features))

    def predict(self, features):
        if len(features) == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.float32)
        mean, std = self.session.run(self.outputs, {self.input_name: np.asarray(features, dtype=np.float32)})
        return np.asarray(mean, np.float32).reshape(-1), np.asarray(std, np.float32).reshape(-1)
