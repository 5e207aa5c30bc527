"""Console/Processing/dock entry point of training: :func:`train_wealth_model`."""

import os

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import ensure_feedback


class BundleEmbedder:
    """The embedder of a model bundle as the ``features`` interface expects it.

    Chips ``(N, bands, H, W)`` of reflectance in the bundle's band order go through the
    bundle's normalisation (RGB bands, linear stretch, ImageNet mean/std) and its ONNX CNN.
    Uses ``core.wealth.embed`` when available so training and prediction embed identically.
    """

    def __init__(self, bundle, providers=None):
        self.bundle = bundle
        self.bands = list(bundle.rgb_bands)
        self.chip_px = bundle.chip_px
        self.gsd = bundle.gsd_m
        self.dim = bundle.embedding_dim
        from .bundle import sha256_file

        self.sha256 = bundle.manifest["files"].get(bundle.manifest["embedder"]["file"], {}).get("sha256") or \
            sha256_file(bundle.embedder_path)
        self._impl = None
        try:
            from . import embed as embed_module  # the prediction job's embedder, when present

            factory = getattr(embed_module, "Embedder", None)
            if factory is not None:
                self._impl = factory(bundle)
                self.bands = list(self._impl.bands)  # chips in the bundle's band order, as prediction reads them
        except Exception:  # noqa: BLE001 - fall back to the session below
            self._impl = None
        if self._impl is None:
            import onnxruntime as ort

            self._session = ort.InferenceSession(bundle.embedder_path, providers=providers or ["CPUExecutionProvider"])
            self._input = bundle.manifest["embedder"]["input"]
            self._output = bundle.manifest["embedder"]["output"]
            norm = bundle.manifest["normalization"]
            self._lo, self._hi = float(norm["stretch_min"]), float(norm["stretch_max"])
            self._mean = np.asarray(norm["mean"], dtype=np.float32).reshape(1, -1, 1, 1)
            self._std = np.asarray(norm["std"], dtype=np.float32).reshape(1, -1, 1, 1)

    def embed(self, chips):
        if self._impl is not None:
            return np.asarray(self._impl.embed(chips), dtype=np.float32)
        x = (np.clip(chips, self._lo, self._hi) - self._lo) / (self._hi - self._lo)
        x = ((x - self._mean) / self._std).astype(np.float32)
        return self._session.run([self._output], {self._input: x})[0].reshape(len(chips), -1)


def train_wealth_model(survey, rasters, value_field=None, out_dir=None, lat_field=None, lon_field=None,
                       group_field=None, urban_field=None, year_field=None, extra_fields=(), crs="EPSG:4326",
                       duplicates="error", cv="blocked", folds=5, block_km=50.0, n_estimators=200,
                       min_samples_leaf=3, max_features=0.33, max_depth=None, pca_components=30, seed=0,
                       window_m=None, chips_per_side=None, min_valid=0.5, bundle=None, embedder=None,
                       use_cache=True, cache_path=None, ablation=True, name=None, feedback=None):
    """Train a wealth head from survey points and Sentinel-2 rasters; write a model bundle.

    :param survey: a CSV/XLSX/GeoPackage path or a QGIS point layer.
    :param rasters: one or more Sentinel-2 raster paths (or raster layers) with the same bands.
    :param value_field: the numeric target, e.g. ``"wealthpooled"``.
    :param out_dir: the bundle folder to write (replaced atomically; a cancel leaves nothing).
    :param cv: ``"blocked"`` (spatial blocks of ``block_km``, ``folds`` folds) or ``"group"``
        (leave one group out; needs a group field with two or more values).
    :param bundle: the bundle whose embedder is used (default: the bundled one).
    :param window_m: context window side in metres (default: the bundle's context, at least 5 km).
    :returns: a dict with ``bundle`` (folder), ``metrics``, ``training_data``, ``report_html``,
        ``report_json``, ``timings``.

    Example::

        import wealthmap.api as wm
        result = wm.train_wealth_model("clusters.csv", ["s2.tif"], value_field="wealthpooled",
                                       out_dir="/tmp/my_head", cv="group")
        print(result["metrics"]["model"]["r2"], result["report_html"])
    """
    from .feature_cache import FeatureCache
    from .features import FeatureSettings
    from .survey import read_survey
    from .train import ForestSettings, train

    feedback = ensure_feedback(feedback)
    if not out_dir:
        raise WealthMapError(tr("No output folder given for the model bundle. Choose a new or empty folder."))
    if isinstance(rasters, (str, os.PathLike)) or hasattr(rasters, "source"):
        rasters = [rasters]
    paths = [r.source() if hasattr(r, "source") else str(r) for r in (rasters or [])]
    data = read_survey(survey, value_field=value_field, lat_field=lat_field, lon_field=lon_field,
                       group_field=group_field, urban_field=urban_field, year_field=year_field,
                       extra_fields=extra_fields, crs=crs, duplicates=duplicates)
    base_manifest = None
    embedder_file = None
    if embedder is None:
        from .bundle import load_bundle

        base = load_bundle(bundle)
        embedder = BundleEmbedder(base)
        base_manifest = base.manifest
        embedder_file = base.embedder_path
    elif bundle is not None:
        from .bundle import load_bundle

        base = load_bundle(bundle)
        base_manifest, embedder_file = base.manifest, base.embedder_path
    chip_m = float(embedder.chip_px) * float(embedder.gsd)
    if chips_per_side is None:
        context = int((base_manifest or {}).get("context_chips", 3))
        chips_per_side = max(context, int(np.ceil(5000.0 / chip_m)))
        chips_per_side += 1 - chips_per_side % 2  # odd: prediction centres the same context on a chip
    if window_m is None:
        window_m = chips_per_side * chip_m
    settings = FeatureSettings(window_m=window_m, chips_per_side=chips_per_side, min_valid=min_valid)
    cache = FeatureCache(cache_path) if use_cache else None
    try:
        return train(feedback, data, paths, embedder, out_dir, base_manifest=base_manifest,
                     embedder_file=embedder_file, cv_scheme=cv, k=folds, block_km=block_km,
                     forest=ForestSettings(n_estimators, min_samples_leaf, max_features, max_depth, pca_components,
                                           seed),
                     feature_settings=settings, cache=cache, name=name, ablation=ablation)
    finally:
        if cache is not None:
            cache.close()
