#!/usr/bin/env python3
"""Download the wheels of the packages WealthMap's in-QGIS installer installs, for this Python, into
``.whl/<abi>/`` (``make setup`` runs it): the installer's offline mode (``--no-index --find-links``) is tested
against this folder, and a user can copy such a folder to a machine without internet.

  scripts/download_wheels.py [--dest .whl]
"""

import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dest", default=os.path.join(ROOT, ".whl"))
    args = parser.parse_args()
    import sysconfig

    abi = "{}-{}".format(sys.implementation.cache_tag, sysconfig.get_platform().replace("-", "_").replace(".", "_"))
    dest = os.path.join(args.dest, abi)
    os.makedirs(dest, exist_ok=True)
    pins = {}
    with open(os.path.join(ROOT, "requirements", "runtime.txt"), encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                pins[line.split("=")[0].split(">")[0].lower()] = line
    reqs = [pins[name] for name in ("scikit-learn", "onnxruntime", "onnx")]
    import numpy

    constraints = os.path.join(dest, "constraints.txt")
    with open(constraints, "w") as out:
        out.write("numpy=={}\n".format(numpy.__version__))
    cmd = [sys.executable, "-m", "pip", "download", "-q", "-d", dest, "-c", constraints] + reqs
    subprocess.run(cmd, check=True)
    print("wheels for {} in {} ({} files)".format(abi, dest, len([n for n in os.listdir(dest) if n.endswith(".whl")])))


if __name__ == "__main__":
    main()
