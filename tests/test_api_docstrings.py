"""Every ``>>>`` example in the docstrings of ``wealthmap.api`` runs as written, from the repository root
(where ``sample_data/`` is), with the outputs it shows."""

import doctest
import inspect
import os

import pytest

import wealthmap.api as api

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUNCTIONS = [name for name in api.__all__ if inspect.isfunction(getattr(api, name))]
#: The functions whose docstrings must carry runnable examples (the others may, and then they run too).
MUST_HAVE_EXAMPLES = ["geocode", "build_address_index", "predict_wealth", "train_wealth_model"]


def examples(name):
    return doctest.DocTestParser().get_examples(inspect.getdoc(getattr(api, name)) or "")


@pytest.mark.parametrize("name", MUST_HAVE_EXAMPLES)
def test_docstring_has_examples(name):
    assert examples(name), "wealthmap.api.{} has no >>> example".format(name)


@pytest.mark.parametrize("name", [n for n in FUNCTIONS if examples(n)])
def test_docstring_examples_run(name, qgis_app, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("WEALTHMAP_SKIP_NOMINATIM", "1")
    func = getattr(api, name)
    test = doctest.DocTestParser().get_doctest(inspect.getdoc(func), {}, "wealthmap.api." + name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = []
    try:
        runner.run(test, out=out.append)
    finally:
        from qgis.core import QgsProject

        QgsProject.instance().removeAllMapLayers()
    assert runner.failures == 0, "".join(out)
