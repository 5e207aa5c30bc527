"""Running the bundle's ONNX models: the embedder (CNN) and the head (forest), plus features.

* :class:`Embedder`: ``Embedder(bundle).embed(chips)`` maps reflectance chips
  ``(N, len(bundle.bands), H, W)`` (bundle band order, NaN allowed where invalid) to
  embeddings ``(N, dim)``; ``embed_with_sums`` also returns the NDVI/NDBI/NDWI sums. The
  pre-processing (RGB bands ``normalization.rgb_bands``, invalid pixels filled with the chip's
  per-band mean, linear stretch, ImageNet mean/std) and the index sums are ONNX nodes
  merged into the embedder's graph (:func:`fused_model`), run in one session, batched.
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


def physical_cores():
    """CPU cores this process may use (hyper-threads counted once when the kernel says so)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    try:
        with open("/sys/devices/system/cpu/cpu0/topology/thread_siblings_list", encoding="ascii") as handle:
            text = handle.read().strip()
        siblings = sum(1 + int(p.split("-")[1]) - int(p.split("-")[0]) if "-" in p else 1 for p in text.split(","))
        n = max(1, n // max(1, siblings))
    except (OSError, ValueError, IndexError):
        pass
    return n


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
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = int(threads or physical_cores())
    # the reader thread works while onnxruntime runs: idle workers must not spin on the shared cores
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    providers = ["CPUExecutionProvider"]
    if use_cuda and "CUDAExecutionProvider" in ort.get_available_providers():
        providers = ["CUDAExecutionProvider", "CPUExecutionProvider"]
    try:
        return ort.InferenceSession(path if isinstance(path, bytes) else str(path), options, providers=providers)
    except Exception as err:  # noqa: BLE001 - onnxruntime raises its own error types
        raise WealthMapError(tr("The ONNX file '{0}' cannot be loaded by onnxruntime ({1}): it is corrupt or not an "
                                "ONNX model. Reinstall or re-export the model bundle.").format(
                                    "(in memory)" if isinstance(path, bytes) else os.path.basename(str(path)),
                                    str(err).splitlines()[0][:200])) from err


def as_masked(chips, mask=None, has_invalid=None):
    """``(chips, mask)`` as the graphs take them: float32 chips, finite everywhere, and a float32
    ``(N, 1, H, W)`` mask (1 = use the pixel; the graphs ignore what chips hold elsewhere). ``mask``
    (bool ``(N, H, W)``) given: the caller made every pixel finite; else NaN in any band marks the
    pixels to leave out (set to 0 here; unless ``has_invalid`` is False)."""
    if mask is None:
        if has_invalid is None or has_invalid:
            bad = np.isnan(chips).any(axis=1)
        else:
            bad = None
        if bad is not None and bad.any():
            chips = np.where(bad[:, None], np.float32(0.0), chips)
            mask = ~bad
        else:
            return chips, np.ones((len(chips), 1) + chips.shape[2:], dtype=np.float32)
    return chips, np.asarray(mask, dtype=np.float32)[:, None]


def _normalisation_constants(normalization):
    """Per-channel ``scale``, ``bias``, ``lo``, ``hi`` of ``clip(v * scale + bias, lo, hi)``: the linear
    stretch ``stretch_min..stretch_max`` → 0..1 (clipped) followed by ImageNet ``(v - mean) / std``."""
    lo, hi = float(normalization["stretch_min"]), float(normalization["stretch_max"])
    mean = np.asarray(normalization["mean"], dtype=np.float64)
    std = np.asarray(normalization["std"], dtype=np.float64)
    shape = (1, len(mean), 1, 1)
    return [v.astype(np.float32).reshape(shape) for v in (
        1.0 / ((hi - lo) * std), (-lo / (hi - lo) - mean) / std, (0.0 - mean) / std, (1.0 - mean) / std)]


def _index_pairs(bands):
    """``[(name, index of a, index of b)]`` of the normalised differences the bands allow."""
    return [(name, bands.index(a), bands.index(b)) for name, (a, b) in INDICES.items() if a in bands and b in bands]


def _graph_nodes(prefix, chips, mask, rgb_index, normalization, pairs, image=None, sums=None):
    """ONNX nodes and initializers of the pre-processing (one implementation, used in every graph).

    From ``chips`` (``(N, B, H, W)`` reflectance, finite; pixels outside the mask are ignored) and ``mask``
    (``(N, 1, H, W)`` float, 1 = valid and clear pixel; no NaN anywhere: onnxruntime's ``Where`` is
    slow, so masks are arithmetic):

    * ``image`` (when named): the CNN input: RGB bands, NaN replaced by the mean of the chip's
      valid pixels in that band (0 when none), ``clip(v * scale + bias, lo, hi)`` per channel
      (see :func:`_normalisation_constants`);
    * ``sums`` (when named): ``(N, K, 3)`` float64: per index of ``pairs``, the count, sum and sum of
      squares of ``(a - b) / (a + b)`` over the pixels where it is defined (in ``mask``, ``a + b != 0``).
    """
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []

    def const(name, value):
        inits.append(numpy_helper.from_array(np.asarray(value), prefix + name))
        return prefix + name

    def node(op, inputs, name, **attrs):
        nodes.append(helper.make_node(op, inputs, [prefix + name], **attrs))
        return prefix + name

    one = const("one", np.float32(1.0))
    if image is not None:
        scale, bias, lo, hi = _normalisation_constants(normalization)
        rgb = node("Gather", [chips, const("rgb_index", np.asarray(rgb_index, np.int64))], "rgb_all", axis=1)
        rgb = node("Mul", [rgb, mask], "rgb")  # pixels outside the mask count as 0 whatever chips holds there
        # invalid pixels (0 in chips, 0 in mask) take the mean of the chip's valid pixels of that band
        hw = const("hw_axes", np.asarray([2, 3], np.int64))
        count = node("ReduceSum", [mask, hw], "rgb_count", keepdims=1)
        total = node("ReduceSum", [rgb, hw], "rgb_total", keepdims=1)
        fill = node("Div", [total, node("Max", [count, one], "rgb_den")], "rgb_fill")
        holes = node("Mul", [node("Sub", [one, mask], "rgb_holes"), fill], "rgb_hole_values")
        filled = node("Add", [rgb, holes], "rgb_filled")
        x = node("Add", [node("Mul", [filled, const("scale", scale)], "scaled"), const("bias", bias)], "biased")
        x = node("Max", [x, const("lo", lo)], "clip_lo")
        nodes.append(helper.make_node("Min", [x, const("hi", hi)], [image]))
    if sums is not None:
        used = sorted({i for _, ia, ib in pairs for i in (ia, ib)})
        band = {i: node("Gather", [chips, const("band{}".format(i), np.asarray([i], np.int64))], "b{}".format(i),
                        axis=1) for i in used}
        axes = const("axes", np.asarray([1, 2, 3], np.int64))
        unsq = const("unsq", np.asarray([1], np.int64))
        per_index = []
        for name, ia, ib in pairs:
            num = node("Sub", [band[ia], band[ib]], name + "_num")
            den = node("Add", [band[ia], band[ib]], name + "_den")
            nonzero = node("Sign", [node("Abs", [den], name + "_abs")], name + "_nonzero")  # 1 where a + b != 0
            safe = node("Sub", [node("Add", [den, one], name + "_den1"), nonzero], name + "_safe")
            ok = node("Mul", [mask, nonzero], name + "_ok")
            value = node("Mul", [node("Div", [num, safe], name + "_ratio"), ok], name + "_value")
            parts = [node("ReduceSum", [ok, axes], name + "_n", keepdims=0),
                     node("ReduceSum", [value, axes], name + "_s", keepdims=0),
                     node("ReduceSumSquare", [value], name + "_ss", axes=[1, 2, 3], keepdims=0)]  # opset < 18
            parts = [node("Unsqueeze", [p, unsq], p[len(prefix):] + "_u") for p in parts]
            per_index.append(node("Unsqueeze", [node("Concat", parts, name + "_nss", axis=1), unsq], name + "_row"))
        stacked = node("Concat", per_index, "stacked", axis=1)
        nodes.append(helper.make_node("Cast", [stacked], [sums], to=TensorProto.DOUBLE))
    return nodes, inits


def fused_model(embedder_path, input_name, bands, rgb_bands, normalization, output_name, chip_px=None):
    """The embedder with the pre-processing folded in: inputs ``chips`` ``(N, len(bands), H, W)``
    reflectance (finite; pixels outside the mask are ignored) and ``mask`` ``(N, 1, H, W)`` (1 = valid and
    clear); outputs the embedder's ``output_name`` and ``index_sums`` ``(N, K, 3)`` (see
    :func:`_graph_nodes`). Returns bytes."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(embedder_path))
    graph = model.graph
    found = [i for i in graph.input if i.name == input_name]
    dims = [d.dim_value if d.HasField("dim_value") else None for d in found[0].type.tensor_type.shape.dim] \
        if found else []
    if not found:
        raise WealthMapError(tr("The embedder '{0}' has no input '{1}' (its inputs: {2}), the name its manifest gives "
                                "(embedder.input); the bundle is mismatched. Fix the manifest or re-export the "
                                "model.").format(os.path.basename(str(embedder_path)), input_name,
                                                 ", ".join(i.name for i in graph.input)))
    if len(dims) != 4 or dims[1] not in (None, 3):
        raise WealthMapError(tr("The embedder '{0}' expects input of shape {1}, not (N, 3, H, W); the bundle "
                                "does not fit this plugin.").format(embedder_path, dims))
    if chip_px is not None and any(d not in (None, chip_px) for d in dims[2:]):
        raise WealthMapError(tr("The embedder '{0}' takes images of {1} x {2} pixels but the manifest's chip_px is "
                                "{3}; the bundle is mismatched. Fix chip_px or re-export the model.").format(
            os.path.basename(str(embedder_path)), dims[2], dims[3], chip_px))
    if output_name not in [o.name for o in graph.output]:
        raise WealthMapError(tr("The embedder '{0}' has no output '{1}' (its outputs: {2}), the name its manifest "
                                "gives (embedder.output); the bundle is mismatched. Fix the manifest or re-export "
                                "the model.").format(os.path.basename(str(embedder_path)), output_name,
                                                     ", ".join(o.name for o in graph.output)))
    rgb_index = [bands.index(b) for b in rgb_bands]
    pairs = _index_pairs(bands)
    nodes, inits = _graph_nodes("wm_pre_", "chips", "mask", rgb_index, normalization, pairs, image=input_name,
                                sums="index_sums" if pairs else None)
    old_inputs = [i for i in graph.input if i.name != input_name]
    del graph.input[:]
    graph.input.extend([helper.make_tensor_value_info("chips", TensorProto.FLOAT, ["N", len(bands), "H", "W"]),
                        helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["N", 1, "H", "W"])] + old_inputs)
    existing = list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes + existing)
    graph.initializer.extend(inits)
    if pairs:
        graph.output.append(helper.make_tensor_value_info("index_sums", TensorProto.DOUBLE, ["N", len(pairs), 3]))
    if not any(o.domain in ("", "ai.onnx") and o.version >= 13 for o in model.opset_import):
        raise WealthMapError(tr("The embedder '{0}' uses ONNX opset < 13; re-export it with opset 13 or "
                                "later.").format(os.path.basename(str(embedder_path))))
    return model.SerializeToString()


_SESSIONS = {}


def _cached_session(key, build, use_cuda, threads):
    """Sessions are kept per model (and device) for the plugin's lifetime: a second prediction starts at once."""
    key = (key, bool(use_cuda), threads)
    if key not in _SESSIONS:
        if len(_SESSIONS) >= 4:
            _SESSIONS.pop(next(iter(_SESSIONS)))
        _SESSIONS[key] = make_session(build(), use_cuda=use_cuda, threads=threads)
    return _SESSIONS[key]


class Embedder:
    """The bundle's CNN with its pre-processing in one ONNX session: reflectance chips → embeddings
    and NDVI/NDBI/NDWI sums.

    The graph (see :func:`fused_model`) takes the bundle's ``normalization.rgb_bands`` (B04,
    B03, B02), puts the mean of the chip's valid pixels of that band in invalid pixels,
    stretches reflectance ``stretch_min..stretch_max`` linearly to 0..1 (clipped), applies the
    ImageNet mean/std and runs the CNN; beside it, it sums the normalised differences.

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
        self.pairs = _index_pairs(list(self.bands))
        self.batch_size = int(batch_size)
        self.input_name = bundle.manifest["embedder"]["input"]
        self.output_name = bundle.manifest["embedder"]["output"]
        key = (self.sha256, tuple(self.bands), tuple(bundle.rgb_bands), repr(sorted(self.normalization.items())),
               self.input_name, self.output_name, self.chip_px)
        self.session = _cached_session(key, lambda: self._build(bundle), use_cuda, threads)
        self.outputs = [self.output_name] + (["index_sums"] if self.pairs else [])
        self.providers = self.session.get_providers()
        found = {o.name: o.shape for o in self.session.get_outputs()}
        width = found.get(self.output_name, [None])[-1]
        if isinstance(width, int) and width != self.dim:
            raise WealthMapError(tr("The embedder '{0}' gives embeddings of {1} values but the manifest's "
                                    "embedder.dim is {2}; the bundle is mismatched. Fix embedder.dim or re-export "
                                    "the model.").format(os.path.basename(bundle.embedder_path), width, self.dim))

    def _build(self, bundle):
        try:
            return fused_model(bundle.embedder_path, self.input_name, list(self.bands), list(bundle.rgb_bands),
                               self.normalization, self.output_name, self.chip_px)
        except WealthMapError:
            raise
        except Exception as err:  # noqa: BLE001 - onnx raises its own error types
            raise WealthMapError(tr("The ONNX file '{0}' cannot be loaded by onnxruntime ({1}): it is corrupt or not "
                                    "an ONNX model. Reinstall or re-export the model bundle.").format(
                                        os.path.basename(bundle.embedder_path), str(err).splitlines()[0][:200])) \
                from err

    def prepare(self, chips, has_invalid=None, mask=None):
        """The graph's inputs ``(chips, mask)`` for reflectance ``chips`` (bundle band order).

        Without ``mask``, NaN pixels (in any band) are the invalid ones; with ``mask`` (bool
        ``(N, H, W)``, True = valid and clear) the caller has already put 0 at the others.
        ``has_invalid=False`` says there is no NaN to look for."""
        chips = np.ascontiguousarray(chips, dtype=np.float32)
        if chips.ndim != 4 or chips.shape[1] != len(self.bands):
            raise ValueError("chips must be (N, {}, H, W), got {}".format(len(self.bands), chips.shape))
        return as_masked(chips, mask, has_invalid)

    def run_prepared(self, prepared):
        """``(embeddings (N, dim) float32, sums)`` for prepared input (the model, pre-processing included);
        ``sums`` is ``{index: (n, s, ss)}`` as :func:`spectral_sums` returns."""
        chips, mask = prepared
        embs, sums = [], []
        for i in range(0, len(chips), self.batch_size):
            out = self.session.run(self.outputs, {"chips": chips[i:i + self.batch_size],
                                                  "mask": mask[i:i + self.batch_size]})
            embs.append(out[0])
            if self.pairs:
                sums.append(out[1])
        if not embs:
            return np.zeros((0, self.dim), dtype=np.float32), {}
        emb = np.concatenate(embs).astype(np.float32, copy=False)
        table = np.concatenate(sums) if sums else None
        return emb, {name: (table[:, k, 0], table[:, k, 1], table[:, k, 2]) for k, (name, _, _) in
                     enumerate(self.pairs)}

    def embed_with_sums(self, chips):
        """Embeddings and index sums of reflectance chips ``(N, len(bands), H, W)`` (NaN = invalid)."""
        return self.run_prepared(self.prepare(chips))

    def embed(self, chips):
        """Embeddings ``(N, dim)`` float32 of reflectance chips ``(N, len(bands), H, W)``."""
        return self.embed_with_sums(chips)[0]


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


def _sums_session(bands):
    from onnx import TensorProto, helper

    pairs = _index_pairs(bands)

    def build():
        nodes, inits = _graph_nodes("", "chips", "mask", [], None, pairs, sums="index_sums")
        graph = helper.make_graph(
            nodes, "wealthmap_index_sums",
            [helper.make_tensor_value_info("chips", TensorProto.FLOAT, ["N", len(bands), "H", "W"]),
             helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["N", 1, "H", "W"])],
            [helper.make_tensor_value_info("index_sums", TensorProto.DOUBLE, ["N", len(pairs), 3])], initializer=inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
        model.ir_version = 8
        return model.SerializeToString()

    return pairs, _cached_session(("index_sums", tuple(bands)), build, False, None)


def spectral_sums(chips, bands, mask=None):
    """Per chip and index: count, sum and sum of squares over the valid pixels.

    Returns ``{index: (n (N,), s (N,), ss (N,))}`` (float64) so that statistics over several
    chips pool exactly (see :func:`stats_from_sums`). Pixels outside ``mask`` (bool
    ``(N, H, W)``), NaN pixels and pixels with a + b == 0 are left out. Computed by the same
    ONNX nodes as in the :class:`Embedder`'s graph.
    """
    bands = list(bands)
    chips = np.asarray(chips, dtype=np.float32)
    use = ~np.isnan(chips).any(axis=1)
    if mask is not None:
        use &= np.asarray(mask, dtype=bool)
    chips = np.ascontiguousarray(np.where(use[:, None], chips, np.float32(0.0)))
    pairs, session = _sums_session(bands)
    if not pairs:
        return {}
    table = session.run(["index_sums"], {"chips": chips, "mask": use.astype(np.float32)[:, None]})[0]
    return {name: (table[:, k, 0], table[:, k, 1], table[:, k, 2]) for k, (name, _, _) in enumerate(pairs)}


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


#: Prefix of a covariate's name in a manifest's ``features`` (see ``covariates.py``).
COVARIATE_PREFIX = "covariate:"


def check_features(bundle, stat_names=SPECTRAL_FEATURES):
    """Refuse, before any work, a bundle whose head needs a feature prediction cannot compute (e.g. a survey
    table column of an older trained bundle): prediction computes the embedding, the spectral statistics
    and the covariates the manifest lists."""
    names = {COVARIATE_PREFIX + c["name"] for c in bundle.manifest.get("covariates", [])}
    for feature in bundle.manifest["features"]:
        if feature != EMBEDDING_FEATURE and feature not in stat_names and feature not in names:
            raise WealthMapError(tr("The model '{0}' expects the feature '{1}', which prediction cannot compute "
                                    "(it computes the embedding, {2} and the covariate rasters the manifest lists). "
                                    "Use a head trained by WealthMap, with its covariate rasters.").format(
                bundle.id, feature, ", ".join(stat_names)))


def feature_matrix(bundle, embeddings, stats, stat_names=SPECTRAL_FEATURES, covariates=None):
    """The head's input ``(N, F)`` in manifest order from embeddings ``(N, dim)``, stats ``(N, k)`` and the
    covariates' values ``(N, C)`` (in the order of the manifest's ``covariates``)."""
    cols = []
    names = [c["name"] for c in bundle.manifest.get("covariates", [])]
    for feature in bundle.manifest["features"]:
        if feature == EMBEDDING_FEATURE:
            cols.append(np.asarray(embeddings, dtype=np.float32))
        elif feature in stat_names:
            cols.append(np.asarray(stats, dtype=np.float32)[:, [list(stat_names).index(feature)]])
        elif feature.startswith(COVARIATE_PREFIX) and feature[len(COVARIATE_PREFIX):] in names \
                and covariates is not None:
            j = names.index(feature[len(COVARIATE_PREFIX):])
            cols.append(np.asarray(covariates, dtype=np.float32)[:, [j]])
        else:
            raise WealthMapError(tr("The model '{0}' expects the feature '{1}', which prediction cannot compute "
                                    "(it computes the embedding, {2} and the covariate rasters the manifest lists). "
                                    "Use a head trained by WealthMap, with its covariate rasters.").format(
                bundle.id, feature, ", ".join(stat_names)))
    return np.hstack(cols).astype(np.float32, copy=False)


def check_head_features(bundle, metadata):
    """Refuse a head whose recorded feature order (ONNX metadata ``wealthmap_features``, written by training)
    differs from the manifest's ``features``: the columns would reach the wrong inputs and the head would
    predict nonsense without an error. Heads without the record (older bundles) are checked by width only,
    and, when they reduce the embedding with PCA, that ``embedding`` comes first."""
    import json

    from .bundle import FEATURES_METADATA, INPUTS_METADATA

    features = list(bundle.manifest["features"])
    recorded = metadata.get(FEATURES_METADATA)
    name = os.path.basename(bundle.head_path)
    inputs = metadata.get(INPUTS_METADATA)
    if inputs is not None:
        from .features import head_inputs

        if inputs != head_inputs(bundle, bundle.context_chips):
            try:
                was = json.loads(inputs)
            except ValueError:
                was = {}
            changed = [key for key in ("context_chips",) if was.get(key) != bundle.context_chips] or \
                [tr("the embedder file, bands, chip_px, gsd_m or normalization")]
            raise WealthMapError(tr("The head '{0}' was trained on features computed with other settings than its "
                                    "manifest now gives ({1} changed): its predictions would be wrong. Restore the "
                                    "manifest (or train the head again with these settings).").format(
                name, ", ".join(changed)))
    if recorded is not None:
        try:
            trained = json.loads(recorded)
        except ValueError:
            trained = None
        if trained != features:
            raise WealthMapError(tr("The head '{0}' was trained on the features {1} in this order, but the manifest "
                                    "lists {2}; the columns would reach the wrong inputs. Restore the manifest's "
                                    "'features' list (or re-export the bundle).").format(
                name, ", ".join(map(str, trained or [])) or recorded, ", ".join(features)))
        return
    try:
        pca = int(metadata.get("pca_components", "0"))
    except ValueError:
        pca = 0
    if pca > 0 and EMBEDDING_FEATURE in features and features[0] != EMBEDDING_FEATURE:
        raise WealthMapError(tr("The head '{0}' reduces the first columns (the embedding) with PCA, but the "
                                "manifest's 'features' list does not start with 'embedding' ({1}). Restore the "
                                "manifest's order (or re-export the bundle).").format(name, ", ".join(features)))


class Head:
    """The bundle's head: features ``(N, F)`` → ``(mean, std)``."""

    def __init__(self, bundle, use_cuda=False):
        self.bundle = bundle
        head_sha = bundle.manifest["files"].get(bundle.manifest["head"]["file"], {}).get("sha256", bundle.head_path)
        self.session = _cached_session(("head", head_sha), lambda: bundle.head_path, use_cuda, None)
        head = bundle.manifest["head"]
        self.input_name = head["input"]
        self.outputs = [head["outputs"]["mean"], head["outputs"]["std"]]
        names = [o.name for o in self.session.get_outputs()]
        inputs = self.session.get_inputs()
        if self.input_name not in [i.name for i in inputs] or any(o not in names for o in self.outputs):
            raise WealthMapError(tr("The head '{0}' does not have the input/outputs its manifest names ({1} -> {2}); "
                                    "the bundle is mismatched. Re-export it.").format(
                                        os.path.basename(bundle.head_path), self.input_name, ", ".join(self.outputs)))
        shape = [i for i in inputs if i.name == self.input_name][0].shape
        width = shape[1] if len(shape) == 2 else None
        if isinstance(width, int) and width != bundle.n_features:
            raise WealthMapError(tr("The head '{0}' takes {1} features but the manifest lists {2}; the bundle is "
                                    "mismatched. Re-export it.").format(
                                        os.path.basename(bundle.head_path), width, bundle.n_features))
        check_head_features(bundle, self.session.get_modelmeta().custom_metadata_map)

    def predict(self, features):
        if len(features) == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.float32)
        mean, std = self.session.run(self.outputs, {self.input_name: np.asarray(features, dtype=np.float32)})
        return np.asarray(mean, np.float32).reshape(-1), np.asarray(std, np.float32).reshape(-1)
