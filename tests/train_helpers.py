"""Shared builders for the training tests: synthetic Sentinel-2 rasters, a tiny real ONNX embedder bundle."""

import numpy as np

GSD = 10.0
CHIP = 16
# reflectance of "roof" and "field" pixels for B02, B03, B04, B08, B11, B12
ROOF = np.array([0.20, 0.22, 0.24, 0.28, 0.34, 0.30])
FIELD = np.array([0.03, 0.06, 0.04, 0.38, 0.20, 0.10])
BANDS = ["B02", "B03", "B04", "B08", "B11", "B12"]


def make_embedder_bundle(folder, dim=16, seed=0):
    """A valid bundle whose embedder is a small real ONNX CNN (1x1 conv, ReLU, global average pool)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from wealthmap.core.wealth.bundle import write_bundle
    from wealthmap.core.wealth.forest_onnx import forest_to_onnx

    rng = np.random.default_rng(seed)
    w = rng.normal(size=(dim, 3, 1, 1)).astype(np.float32)
    b = rng.normal(scale=0.1, size=dim).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "w", "b"], ["c"]), helper.make_node("Relu", ["c"], ["r"]),
         helper.make_node("GlobalAveragePool", ["r"], ["p"]), helper.make_node("Flatten", ["p"], ["embedding"])],
        "tiny_embedder", [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, "H", "W"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", dim])],
        initializer=[numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    # a placeholder head (the manifest needs one); training replaces it
    from sklearn.ensemble import RandomForestRegressor

    x = rng.normal(size=(20, dim + 6))
    head = forest_to_onnx(RandomForestRegressor(3, random_state=0).fit(x, x[:, 0]), n_inputs=dim + 6)
    manifest = {
        "id": "tiny-test", "name": "tiny test embedder", "status": "demo", "bands": BANDS, "gsd_m": GSD,
        "chip_px": CHIP, "context_chips": 3,
        "normalization": {"rgb_bands": ["B04", "B03", "B02"], "stretch_min": 0.0, "stretch_max": 0.3,
                          "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
        "embedder": {"file": "embedder.onnx", "input": "image", "output": "embedding", "dim": dim},
        "head": {"file": "head.onnx", "input": "features", "outputs": {"mean": "mean", "std": "std"}},
        "features": ["embedding", "ndvi_mean", "ndvi_std", "ndbi_mean", "ndbi_std", "ndwi_mean", "ndwi_std"],
        "output": {"name": "wealth", "units": "index"}, "metrics": {}, "training_data": {},
        "licence": "test", "citation": "test",
    }
    return write_bundle(folder, manifest, {"embedder.onnx": model, "head.onnx": head})


def make_roof_scene(path, n_side=12, spacing_px=60, window_px=48, seed=1, bands=BANDS, epsg=32633,
                    origin=(500000.0, 5000000.0), nodata_points=()):
    """A UTM raster with ``n_side`` x ``n_side`` survey sites; site i's window has a share r_i of bright
    roof pixels. Returns ``(lon, lat, share)`` of the sites (WGS 84)."""
    from osgeo import gdal, osr

    rng = np.random.default_rng(seed)
    size = n_side * spacing_px
    shares = rng.uniform(0.0, 0.8, n_side * n_side)
    img = np.empty((len(bands), size, size), dtype=np.float32)
    roof = rng.random((size, size)) < 0.02  # a few scattered roofs everywhere
    for k in range(n_side * n_side):
        r, c = divmod(k, n_side)
        r0 = r * spacing_px + (spacing_px - window_px) // 2
        c0 = c * spacing_px + (spacing_px - window_px) // 2
        roof[r0:r0 + window_px, c0:c0 + window_px] = rng.random((window_px, window_px)) < shares[k]
    idx = [BANDS.index(b) for b in bands]
    for j, bi in enumerate(idx):
        noise = rng.normal(scale=0.01, size=(size, size))
        img[j] = np.where(roof, ROOF[bi], FIELD[bi]) + noise
    data = np.clip(img * 10000, 1, 65535).astype(np.uint16)
    for k in nodata_points:
        r, c = divmod(k, n_side)
        data[:, r * spacing_px:(r + 1) * spacing_px, c * spacing_px:(c + 1) * spacing_px] = 0
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(str(path), size, size, len(bands), gdal.GDT_UInt16)
    ds.SetGeoTransform((origin[0], GSD, 0, origin[1], 0, -GSD))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    for j, name in enumerate(bands):
        band = ds.GetRasterBand(j + 1)
        band.WriteArray(data[j])
        band.SetDescription(name)
        band.SetNoDataValue(0)
    ds = None
    centres = (np.arange(n_side) + 0.5) * spacing_px * GSD
    xs = origin[0] + np.tile(centres, n_side)
    ys = origin[1] - np.repeat(centres, n_side)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    pts = np.asarray(osr.CoordinateTransformation(srs, wgs).TransformPoints(np.column_stack([xs, ys]).tolist()))
    return pts[:, 0], pts[:, 1], shares


def write_survey(path, lon, lat, value, groups=None, urban=None, extra=None):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("lat,lon,wealth,region,urban" + (",extra" if extra is not None else "") + "\n")
        for i in range(len(lon)):
            g = groups[i] if groups is not None else "r{}".format(i % 3)
            u = urban[i] if urban is not None else i % 2
            row = "{:.7f},{:.7f},{:.5f},{},{}".format(lat[i], lon[i], value[i], g, u)
            if extra is not None:
                row += ",{:.4f}".format(extra[i])
            handle.write(row + "\n")
    return str(path)
