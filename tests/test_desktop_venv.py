"""The real-desktop tests give QGIS the test environment's packages (onnxruntime, scikit-learn...) also where
the clone's .venv cannot be read: in the QGIS 3.44 chroot .venv links to the host's venv, and QGIS used to see
only Debian's packages there, so every wealth journey stopped at the missing-dependency message."""

import os
import sys
import sysconfig

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from desktop import venv_site_packages  # noqa: E402

in_venv = pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="the tests run outside a virtual environment")


def test_clone_venv_first(tmp_path):
    site = tmp_path / ".venv" / "lib" / "python{}.{}".format(*sys.version_info[:2]) / "site-packages"
    site.mkdir(parents=True)
    assert venv_site_packages(str(tmp_path)) == str(site)


@in_venv
def test_clone_venv_of_another_python_is_not_used(tmp_path):
    """A fresh clone's .venv (the host's Python 3.11) seen from the QGIS 3.44 chroot (Python 3.13): its binary
    packages cannot load there, so the running venv's are used."""
    (tmp_path / ".venv" / "lib" / "python3.1" / "site-packages").mkdir(parents=True)
    assert venv_site_packages(str(tmp_path)) == sysconfig.get_paths()["purelib"]


@in_venv
def test_running_venv_when_the_clone_has_none(tmp_path):
    (tmp_path / ".venv").symlink_to(tmp_path / "absent")  # a link to a venv this machine does not hold
    assert venv_site_packages(str(tmp_path)) == sysconfig.get_paths()["purelib"]


@in_venv
def test_running_venv_holds_the_model_runtime(tmp_path):
    site = venv_site_packages(str(tmp_path))
    assert site is not None and any(name.startswith("onnxruntime") for name in os.listdir(site))
