"""Convert a fitted scikit-learn random forest (with optional scaler and PCA) to ONNX.

The ONNX model that :func:`forest_to_onnx` returns is a WealthMap *head*:

* input ``features``: float32, shape ``(N, n_inputs)``: the raw feature columns in the
  order listed by the bundle manifest (``features``), e.g. the 1280 embedding values
  first, then spectral statistics;
* output ``mean``: float32, shape ``(N,)``: the forest's prediction (the mean of the
  trees, exactly what ``RandomForestRegressor.predict`` returns);
* output ``std``: float32, shape ``(N,)``: the spread of the trees (population standard
  deviation of the per-tree predictions), used as the uncertainty.

Preprocessing that the graph applies, in this order (both optional):

1. ``scaler`` (a fitted ``StandardScaler``, over all ``n_inputs`` columns):
   ``x = (x - mean_) / scale_``;
2. ``pca`` (a fitted ``PCA``) over the first ``pca.n_features_in_`` columns only; the
   remaining columns pass through unchanged and follow the PCA components:
   ``x = concat((x[:, :k] - pca.mean_) @ pca.components_.T [/ sqrt(explained_variance_) if whiten],
   x[:, k:])``.

The preprocessing runs in float64 (as scikit-learn does) and the result is cast to
float32 before the trees, as scikit-learn's trees do. Split thresholds are rounded
*down* to float32 so that ``x <= threshold`` gives the same branch as scikit-learn for
every float32 ``x``: predictions match ``forest.predict(preprocessed X)`` to float32
precision.

No pickle: the forest lives entirely in the ONNX graph (``ai.onnx.ml``
``TreeEnsembleRegressor`` with one target per tree, then ``ReduceMean`` and the spread).

Example (what the training job does)::

    from sklearn.decomposition import PCA
    from sklearn.ensemble import RandomForestRegressor
    from wealthmap.core.wealth.forest_onnx import forest_to_onnx, save_onnx

    pca = PCA(30).fit(X[:, :1280])
    Z = np.hstack([pca.transform(X[:, :1280]), X[:, 1280:]])
    forest = RandomForestRegressor(200, min_samples_leaf=2).fit(Z, y)
    model = forest_to_onnx(forest, n_inputs=X.shape[1], pca=pca)
    save_onnx(model, "head.onnx")
"""

import numpy as np

INPUT_NAME = "features"
MEAN_NAME = "mean"
STD_NAME = "std"
OPSET = 17
ML_OPSET = 3


def _threshold_down(values):
    """Largest float32 values <= the float64 ``values`` (keeps sklearn's ``x <= t`` branch)."""
    values = np.asarray(values, dtype=np.float64)
    as32 = values.astype(np.float32)
    too_big = as32.astype(np.float64) > values
    as32[too_big] = np.nextafter(as32[too_big], np.float32(-np.inf))
    return as32


def _tree_attributes(forest):
    """Attributes of one ``TreeEnsembleRegressor`` whose target ``t`` is tree ``t``'s output."""
    attrs = {
        "nodes_treeids": [], "nodes_nodeids": [], "nodes_featureids": [], "nodes_values": [],
        "nodes_modes": [], "nodes_truenodeids": [], "nodes_falsenodeids": [], "nodes_missing_value_tracks_true": [],
        "target_treeids": [], "target_nodeids": [], "target_ids": [], "target_weights": [],
    }
    for tree_id, estimator in enumerate(forest.estimators_):
        tree = estimator.tree_
        if tree.n_outputs != 1:
            raise ValueError("forest_to_onnx supports single-output forests only")
        left, right = tree.children_left, tree.children_right
        thresholds = _threshold_down(tree.threshold)
        values = tree.value.reshape(tree.node_count, -1)[:, 0]
        for node in range(tree.node_count):
            leaf = left[node] == -1
            attrs["nodes_treeids"].append(tree_id)
            attrs["nodes_nodeids"].append(node)
            attrs["nodes_featureids"].append(0 if leaf else int(tree.feature[node]))
            attrs["nodes_values"].append(0.0 if leaf else float(thresholds[node]))
            attrs["nodes_modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            attrs["nodes_truenodeids"].append(0 if leaf else int(left[node]))
            attrs["nodes_falsenodeids"].append(0 if leaf else int(right[node]))
            attrs["nodes_missing_value_tracks_true"].append(0)
            if leaf:
                attrs["target_treeids"].append(tree_id)
                attrs["target_nodeids"].append(node)
                attrs["target_ids"].append(tree_id)
                attrs["target_weights"].append(float(values[node]))
    return attrs


def forest_to_onnx(forest, n_inputs=None, pca=None, scaler=None, metadata=None):
    """Return an ONNX ``ModelProto`` computing the forest's mean and per-tree spread.

    :param forest: a fitted ``sklearn.ensemble.RandomForestRegressor`` (or
        ``ExtraTreesRegressor``), single output, trained on the *preprocessed* features.
    :param n_inputs: number of raw input columns (default: what the scaler/PCA/forest
        imply: ``pca.n_features_in_ + forest.n_features_in_ - pca.n_components_``).
    :param pca: optional fitted ``sklearn.decomposition.PCA`` applied to the first
        ``pca.n_features_in_`` raw columns (after the scaler).
    :param scaler: optional fitted ``StandardScaler`` over all raw columns, applied first.
    :param metadata: optional ``{str: str}`` stored as ONNX metadata properties.
    :returns: ``onnx.ModelProto`` with input ``features`` ``(N, n_inputs)`` float32 and
        outputs ``mean`` and ``std``, both ``(N,)`` float32.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    n_trees = len(forest.estimators_)
    n_forest = int(forest.n_features_in_)
    if pca is not None:
        k = int(pca.n_features_in_)
        n_comp = int(pca.n_components_)
        implied = k + n_forest - n_comp
    else:
        implied = n_forest
    n_inputs = implied if n_inputs is None else int(n_inputs)
    if n_inputs != implied:
        raise ValueError("n_inputs={} but the scaler/PCA/forest imply {} input columns".format(n_inputs, implied))
    if scaler is not None and int(scaler.n_features_in_) != n_inputs:
        raise ValueError("the scaler was fitted on {} columns, not {}".format(scaler.n_features_in_, n_inputs))

    nodes, inits = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    current = INPUT_NAME
    if scaler is not None or pca is not None:
        nodes.append(helper.make_node("Cast", [current], ["x64"], to=TensorProto.DOUBLE))
        current = "x64"
        if scaler is not None:
            mean = np.asarray(scaler.mean_ if scaler.with_mean else np.zeros(n_inputs), dtype=np.float64)
            scale = np.asarray(scaler.scale_ if scaler.with_std else np.ones(n_inputs), dtype=np.float64)
            nodes.append(helper.make_node("Sub", [current, const("scaler_mean", mean)], ["x_centred"]))
            nodes.append(helper.make_node("Div", ["x_centred", const("scaler_scale", scale)], ["x_scaled"]))
            current = "x_scaled"
        if pca is not None:
            k = int(pca.n_features_in_)
            comps = np.asarray(pca.components_, dtype=np.float64).T  # (k, n_comp)
            if pca.whiten:
                comps = comps / np.sqrt(np.asarray(pca.explained_variance_, dtype=np.float64))[None, :]
            nodes.append(helper.make_node(
                "Slice", [current, const("s_start0", np.array([0], np.int64)), const("s_end0", np.array([k], np.int64)),
                          const("s_axis", np.array([1], np.int64))], ["x_emb"]))
            nodes.append(helper.make_node("Sub", ["x_emb", const("pca_mean", np.asarray(pca.mean_, np.float64))],
                                          ["x_emb_c"]))
            nodes.append(helper.make_node("MatMul", ["x_emb_c", const("pca_components", comps)], ["x_pca"]))
            if n_inputs > k:
                nodes.append(helper.make_node(
                    "Slice", [current, const("s_start1", np.array([k], np.int64)),
                              const("s_end1", np.array([n_inputs], np.int64)), "s_axis"], ["x_rest"]))
                nodes.append(helper.make_node("Concat", ["x_pca", "x_rest"], ["x_pre"], axis=1))
                current = "x_pre"
            else:
                current = "x_pca"
        nodes.append(helper.make_node("Cast", [current], ["x32"], to=TensorProto.FLOAT))
        current = "x32"

    attrs = _tree_attributes(forest)
    nodes.append(helper.make_node(
        "TreeEnsembleRegressor", [current], ["per_tree"], domain="ai.onnx.ml",
        n_targets=n_trees, aggregate_function="SUM", post_transform="NONE", **attrs))
    nodes.append(helper.make_node("ReduceMean", ["per_tree"], [MEAN_NAME], axes=[1], keepdims=0))
    nodes.append(helper.make_node("ReduceMean", ["per_tree"], ["mean_keep"], axes=[1], keepdims=1))
    nodes.append(helper.make_node("Sub", ["per_tree", "mean_keep"], ["dev"]))
    nodes.append(helper.make_node("Mul", ["dev", "dev"], ["dev2"]))
    nodes.append(helper.make_node("ReduceMean", ["dev2"], ["var"], axes=[1], keepdims=0))
    nodes.append(helper.make_node("Sqrt", ["var"], [STD_NAME]))

    graph = helper.make_graph(
        nodes, "wealthmap_forest_head",
        [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, ["N", n_inputs])],
        [helper.make_tensor_value_info(MEAN_NAME, TensorProto.FLOAT, ["N"]),
         helper.make_tensor_value_info(STD_NAME, TensorProto.FLOAT, ["N"])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                    helper.make_opsetid("ai.onnx.ml", ML_OPSET)],
                              producer_name="wealthmap.forest_onnx")
    model.ir_version = 8
    meta = {"n_inputs": str(n_inputs), "n_trees": str(n_trees), "pca_components": str(pca.n_components_ if pca else 0)}
    meta.update({str(k): str(v) for k, v in (metadata or {}).items()})
    for key, value in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return model


def save_onnx(model, path):
    """Write an ONNX ``ModelProto`` to ``path`` (bytes; no pickle)."""
    with open(path, "wb") as handle:
        handle.write(model.SerializeToString())
    return path


def preprocess_like_onnx(x, pca=None, scaler=None):
    """The preprocessed matrix the forest sees (numpy reference of the ONNX graph's first part)."""
    x = np.asarray(x, dtype=np.float64)
    if scaler is not None:
        x = scaler.transform(x)
    if pca is not None:
        k = int(pca.n_features_in_)
        x = np.hstack([pca.transform(x[:, :k]), x[:, k:]])
    return x.astype(np.float32)
