#!/usr/bin/env python3
"""Run the real QGIS desktop under Xvfb with a profile, execute a Python script inside it, and
collect what the script wrote. Used by the desktop tests and by the screenshot script.

The script runs inside QGIS (``qgis --code``) with ``WEALTHMAP_OUT`` set to a JSON path;
it should write its findings there and call ``QgsApplication.exit()`` when done.
"""

import glob
import json
import os
import shutil
import subprocess
import tempfile

from qgis_profile import make_profile


def venv_site_packages(root=None):
    """The site-packages folder of the project's .venv (same Python as QGIS's), if any; else that of the
    virtual environment running this script (the QGIS 3.44 chroot's /opt/wealthmap-venv: there the
    clone's .venv links to the host's venv, which the chroot does not hold). Without it QGIS would see
    only Debian's packages and every wealth step would stop at the missing-dependency message."""
    import sys
    import sysconfig

    root = root or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # only a venv of this Python: a fresh clone's .venv is the host's (3.11), whose binary packages the QGIS 3.44
    # chroot's Python 3.13 cannot load
    found = glob.glob(os.path.join(root, ".venv", "lib", "python{}.{}".format(*sys.version_info[:2]),
                                   "site-packages"))
    if found:
        return found[0]
    if sys.prefix != sys.base_prefix:
        site = sysconfig.get_paths()["purelib"]
        if os.path.isdir(site):
            return site
    return None


def run_qgis(code, plugin_dir, copy=False, locale=None, timeout=180, size="1600x1000", extra_env=None, venv=True):
    """Start QGIS with ``plugin_dir`` installed in a fresh profile; return (json_result, log_text).

    With ``venv`` the packages of the project's .venv (scikit-learn, onnxruntime...) are visible to QGIS,
    as they are for a user who installed them; without it QGIS sees only Debian's packages.
    """
    if not shutil.which("xvfb-run") or not shutil.which("qgis"):
        raise RuntimeError("xvfb-run and qgis are needed: run `make setup`")
    work = tempfile.mkdtemp(prefix="wealthmap-desktop-")
    profiles = os.path.join(work, "profiles-root")
    make_profile(profiles, "wealthmap", plugin_dir, copy=copy, locale=locale)
    script = os.path.join(work, "script.py")
    with open(script, "w", encoding="utf-8") as handle:
        handle.write(code)
    out = os.path.join(work, "out.json")
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    env["WEALTHMAP_OUT"] = out
    env.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="xdg-"))
    site = venv_site_packages() if venv else None
    if site:
        env["PYTHONPATH"] = site + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    else:
        env.pop("PYTHONPATH", None)
    env.update(extra_env or {})
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 {}x24".format(size), "qgis", "--profiles-path", profiles,
           "--profile", "wealthmap", "--nologo", "--noversioncheck", "--code", script]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    log = proc.stdout.decode("utf-8", "replace")
    result = None
    if os.path.exists(out):
        with open(out, encoding="utf-8") as handle:
            result = json.load(handle)
    shutil.rmtree(work, ignore_errors=True)
    return result, log
