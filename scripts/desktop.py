#!/usr/bin/env python3
"""Run the real QGIS desktop under Xvfb with a profile, execute a Python script inside it, and
collect what the script wrote. Used by the desktop tests and by the screenshot script.

The script runs inside QGIS (``qgis --code``) with ``WEALTHMAP_OUT`` set to a JSON path;
it should write its findings there and call ``QgsApplication.exit()`` when done.
"""

import json
import os
import shutil
import subprocess
import tempfile

from qgis_profile import make_profile


def run_qgis(code, plugin_dir, copy=False, locale=None, timeout=180, size="1600x1000", extra_env=None):
    """Start QGIS with ``plugin_dir`` installed in a fresh profile; return (json_result, log_text)."""
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
