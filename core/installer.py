"""Install the Python packages WealthMap needs from inside QGIS (no terminal, no restart).

Packages go into a folder of the QGIS profile, one per Python ABI
(``<profile>/python/wealthmap-deps/<cpython-311>-<platform>``), never into QGIS's own Python:

* pip runs with **QGIS's Python** (found as QGIS runs it on Linux, Windows/OSGeo4W and macOS: inside the
  QGIS desktop ``sys.executable`` is the QGIS program, not Python), as ``pip install --user`` with
  ``PYTHONUSERBASE`` set to that folder: pip sees the packages QGIS already has (Debian's or OSGeo4W's numpy,
  scipy, GDAL) and installs only what is missing;
* **numpy is never upgraded**: a constraints file pins it (and scipy, when present) to the version
  QGIS's GDAL bindings were built against;
* versions come from the plugin's ``requirements/runtime.txt`` (the same pins ``make setup`` uses);
* offline machines install from a local folder of wheels (``--no-index --find-links FOLDER``);
* after a successful install the folder is added to ``sys.path`` of the running QGIS: no restart.

One implementation: the dock's *Install* dialog, :func:`wealthmap.api.install_dependencies` and the tests
call :func:`install` / :func:`uninstall`.
"""

import glob
import importlib
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile

from . import deps, log
from .errors import WealthMapError
from .i18n import tr
from .tasks import check_cancel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIREMENTS = os.path.join(ROOT, "requirements", "runtime.txt")
# What the installer may install: the pip-installable packages of core.deps (GDAL and numpy come with QGIS).
INSTALLABLE = [m for m in deps.PACKAGES if m not in ("numpy", "osgeo.gdal")]
_PYTHON = {}


# --- where ------------------------------------------------------------------------------------------
def abi_tag():
    """``cpython-311-linux_x86_64``: packages built for one Python are never loaded by another."""
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "{}-{}".format(sys.implementation.cache_tag, platform)


def base_dir(profile=None):
    """The folder of this Python ABI's packages (``PYTHONUSERBASE`` of the pip runs)."""
    if profile is None:
        from .settings import profile_dir

        profile = profile_dir()
    return os.path.join(profile, "python", "wealthmap-deps", abi_tag())


def site_dir(base):
    """The site-packages folder pip ``--user`` fills under ``base`` (as the running Python computes it)."""
    if sys.platform.startswith("win"):
        return os.path.join(base, "Python{}{}".format(*sys.version_info[:2]), "site-packages")
    if sys.platform == "darwin" and getattr(sys, "_framework", None):
        return os.path.join(base, "lib", "python", "site-packages")
    return os.path.join(base, "lib", "python{}.{}".format(*sys.version_info[:2]), "site-packages")


def activate(profile=None):
    """Make packages installed earlier importable (called when the plugin loads). Cheap: no import."""
    try:
        path = site_dir(base_dir(profile))
    except Exception:  # noqa: BLE001 - no QGIS application yet (a bare script): nothing to add
        return None
    if os.path.isdir(path) and path not in sys.path:
        site.addsitedir(path)  # appended: QGIS's own packages keep precedence
        importlib.invalidate_caches()
    return path if os.path.isdir(path) else None


# --- which Python ---------------------------------------------------------------------------------
def _candidates():
    version = "{}.{}".format(*sys.version_info[:2])
    exe = sys.executable or ""
    names = [exe] if os.path.basename(exe).lower().startswith("python") else []
    base = getattr(sys, "_base_executable", "")
    if base and os.path.basename(base).lower().startswith("python"):
        names.append(base)
    if sys.platform.startswith("win"):
        # OSGeo4W / standalone installer: <root>\apps\Python3x\python.exe (sys.prefix points there)
        names += [os.path.join(sys.prefix, "python.exe"), os.path.join(sys.exec_prefix, "python.exe"),
                  os.path.join(sys.base_prefix, "python.exe")]
        names += glob.glob(os.path.join(os.path.dirname(exe), "..", "apps", "Python3*", "python.exe"))
    elif sys.platform == "darwin":
        # QGIS.app: Contents/MacOS/bin/python3 (or Contents/MacOS/python3 in newer builds)
        names += [os.path.join(sys.exec_prefix, "bin", "python" + version),
                  os.path.join(sys.exec_prefix, "bin", "python3"),
                  os.path.join(os.path.dirname(exe), "bin", "python3"), os.path.join(os.path.dirname(exe), "python3")]
    else:
        names += [os.path.join(sys.base_exec_prefix, "bin", "python" + version),
                  os.path.join(sys.base_exec_prefix, "bin", "python3"),
                  shutil.which("python" + version) or "", "/usr/bin/python" + version, "/usr/bin/python3"]
    seen = []
    for name in names:
        path = os.path.realpath(name) if name else ""
        if path and os.path.isfile(path) and path not in seen:
            seen.append(path)
    return seen


def _probe(path):
    """The version tuple, ABI and numpy of the interpreter at ``path`` (or ``None``)."""
    code = ("import os, sys, sysconfig; print('|'.join(map(str, [sys.version_info[0], sys.version_info[1], "
            "sys.implementation.cache_tag, sysconfig.get_platform(), "
            "os.path.realpath(sysconfig.get_paths()['stdlib'])])))")
    try:
        proc = subprocess.run([path, "-I", "-c", code], capture_output=True, text=True, timeout=30,
                              env=_clean_env())
    except (OSError, subprocess.SubprocessError):
        return None
    parts = proc.stdout.strip().split("|")
    return parts if proc.returncode == 0 and len(parts) == 5 else None


def qgis_python():
    """The Python interpreter that QGIS itself runs (same version and ABI as this process)."""
    if "path" in _PYTHON:
        return _PYTHON["path"]
    # same version, ABI and standard library: another Python 3.11 on PATH (pyenv, conda) is not QGIS's
    want = [str(sys.version_info[0]), str(sys.version_info[1]), sys.implementation.cache_tag,
            sysconfig.get_platform(), os.path.realpath(sysconfig.get_paths()["stdlib"])]
    tried = []
    for path in _candidates():
        tried.append(path)
        if _probe(path) == want:
            _PYTHON["path"] = path
            return path
    raise WealthMapError(tr(
        "The Python interpreter that QGIS uses (Python {0}) was not found (looked at: {1}). Install the packages "
        "from a terminal instead: {2}").format("{}.{}".format(*sys.version_info[:2]), ", ".join(tried) or "-",
                                               deps.install_command(INSTALLABLE)))


# --- what -------------------------------------------------------------------------------------------
def pins(path=REQUIREMENTS):
    """``{pip name (lower case): requirement line}`` from the plugin's requirements file."""
    found = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.split("#", 1)[0].strip()
                if line:
                    name = line
                    for sep in ("==", ">=", "<=", "~=", "<", ">", "["):
                        name = name.split(sep, 1)[0]
                    found[name.strip().lower()] = line
    return found


def requirements(modules=None):
    """The pip requirement lines for ``modules`` (import names; default: every installable one missing now)."""
    modules = deps.missing(INSTALLABLE) if modules is None else list(modules)
    unknown = [m for m in modules if m not in INSTALLABLE]
    if unknown:
        raise WealthMapError(tr("WealthMap cannot install {0}: it installs only {1}.").format(
            ", ".join(unknown), ", ".join(deps.PACKAGES[m][0] for m in INSTALLABLE)))
    pinned = pins()
    return [pinned.get(deps.PACKAGES[m][0].lower(), deps.PACKAGES[m][0]) for m in modules]


def constraints_text():
    """Pins for what QGIS already has and must keep: numpy (GDAL's bindings are built against it), scipy."""
    lines = []
    for module in ("numpy", "scipy"):
        try:
            lines.append("{}=={}".format(module, importlib.import_module(module).__version__))
        except Exception:  # noqa: BLE001 - absent: pip may install it (scipy), numpy comes with QGIS
            continue
    return "\n".join(lines) + "\n"


def _clean_env(base=None):
    env = dict(os.environ)
    for key in ("PYTHONHOME", "PYTHONNOUSERSITE", "PIP_USER", "PIP_TARGET", "PIP_PREFIX", "VIRTUAL_ENV"):
        env.pop(key, None)
    if base:
        env["PYTHONUSERBASE"] = base
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def pip_command(python, reqs, constraints, wheel_dir=None, force=False):
    """The pip call (a list) that installs ``reqs`` into the user base set in its environment."""
    cmd = [python, "-m", "pip", "install", "--user", "--no-warn-script-location", "--progress-bar", "off",
           "-c", constraints]
    if sys.platform.startswith("linux"):
        # Debian marks its Python as externally managed; installing into our own user base is safe.
        cmd.append("--break-system-packages")
    if wheel_dir:
        cmd += ["--no-index", "--find-links", wheel_dir]
    if force:
        cmd += ["--force-reinstall", "--no-deps"]
    return cmd + list(reqs)


# --- doing it ---------------------------------------------------------------------------------------
def _run(cmd, env, feedback=None, on_line=None, total=1):
    """Run pip, streaming its lines to ``on_line`` and progress to ``feedback``; cancel stops pip."""
    lines = []
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
                                encoding="utf-8", errors="replace", bufsize=1)
    except OSError as err:
        raise WealthMapError(tr("Could not start pip ({0}): {1}").format(cmd[0], err)) from err
    steps = 0
    try:
        for line in proc.stdout:
            line = line.rstrip()
            lines.append(line)
            if on_line is not None:
                on_line(line)
            if line.startswith(("Collecting", "Processing", "Installing collected", "Successfully")):
                steps += 1
                if feedback is not None:
                    feedback.setProgress(min(95.0, 100.0 * steps / (2 * total + 2)))
            if feedback is not None and feedback.isCanceled():
                proc.terminate()
                proc.wait(30)
                check_cancel(feedback)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, lines


def _pip_error(lines):
    text = "\n".join(lines)
    if "No module named pip" in text:
        hint = tr("pip is not installed for QGIS's Python: on Debian/Ubuntu run `apt install python3-pip` "
                  "(as root), then try again.")
    elif "No matching distribution" in text or "Could not find a version" in text:
        hint = tr("No suitable package was found: with a folder of wheels, check that it holds wheels for "
                  "this Python ({0}); without one, check the internet connection or QGIS's proxy settings.").format(
            abi_tag())
    elif "Permission denied" in text:
        hint = tr("The profile folder is not writable: check its permissions.")
    else:
        hint = tr("See the log for pip's message.")
    tail = "\n".join(line for line in lines[-6:] if line.strip())
    return tr("Installing the packages failed. {0}\n{1}").format(hint, tail)


def install(modules=None, wheel_dir=None, feedback=None, on_line=None, profile=None, force=False):
    """Install the packages for ``modules`` (import names; default: every missing one) into the profile.

    ``wheel_dir``: a folder of ``.whl`` files for machines without internet (nothing is downloaded then).
    ``force``: reinstall (repair a broken install). Returns a dict: ``installed`` (pip lines),
    ``site_dir``, ``python``, ``missing`` (what still cannot be imported; empty on success), ``log``.
    """
    if wheel_dir is not None and not os.path.isdir(wheel_dir):
        raise WealthMapError(tr("The folder of wheels {0} does not exist: choose the folder that holds the "
                                ".whl files.").format(wheel_dir))
    modules = deps.missing(INSTALLABLE) if modules is None else list(modules)
    if force and not modules:
        modules = [m for m in INSTALLABLE if m != "requests"]
    reqs = requirements(modules)
    if not reqs:
        return {"installed": [], "site_dir": activate(profile), "python": None, "missing": [], "log": []}
    python = qgis_python()
    base = base_dir(profile)
    try:
        os.makedirs(base, exist_ok=True)
    except OSError as err:
        raise WealthMapError(tr("Cannot create the packages folder {0}: {1}").format(base, err)) from err
    handle, constraints = tempfile.mkstemp(prefix="wealthmap-constraints-", suffix=".txt")
    with os.fdopen(handle, "w") as out:
        out.write(constraints_text())
    cmd = pip_command(python, reqs, constraints, wheel_dir=wheel_dir, force=force)
    log.info(tr("Installing {0} into {1}").format(", ".join(reqs), base))
    try:
        code, lines = _run(cmd, _clean_env(base), feedback=feedback, on_line=on_line, total=len(reqs))
    finally:
        os.unlink(constraints)
    if code != 0:
        log.warning("\n".join(lines[-40:]))
        raise WealthMapError(_pip_error(lines))
    path = site_dir(base)
    if path not in sys.path:
        site.addsitedir(path)
    importlib.invalidate_caches()
    still = deps.missing(modules)
    if feedback is not None:
        feedback.setProgress(100)
    return {"installed": reqs, "site_dir": path, "python": python, "missing": still, "log": lines}


def installed_here(profile=None):
    """The distributions installed in the profile's folder for this Python (name, version)."""
    path = site_dir(base_dir(profile))
    found = []
    for meta in sorted(glob.glob(os.path.join(path, "*.dist-info"))):
        name, _, version = os.path.basename(meta)[:-len(".dist-info")].partition("-")
        found.append((name, version))
    return found


def uninstall(profile=None):
    """Remove the profile's packages for this Python. Modules already imported stay until QGIS restarts."""
    base = base_dir(profile)
    path = site_dir(base)
    loaded = sorted({name.split(".")[0] for name, module in list(sys.modules.items())
                     if getattr(module, "__file__", None) and os.path.realpath(module.__file__).startswith(
                         os.path.realpath(path) + os.sep)})
    if os.path.isdir(base):
        shutil.rmtree(base)
    if path in sys.path:
        sys.path.remove(path)
    importlib.invalidate_caches()
    return {"removed": base, "restart_needed": loaded}
