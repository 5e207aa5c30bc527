"""The examples in the docstrings of ``wealthmap.api`` run as written (doctest), on the sample data.

Every public function of the console API is collected; the ``>>>`` examples of each are run from the
repository root (where ``sample_data/`` is) in a fresh namespace with a real QGIS application, and what they
print must be what the docstring shows (``ELLIPSIS`` and ``NORMALIZE_WHITESPACE`` on). The jobs' functions must
carry examples; a function without any (``install_dependencies``: it would install packages) is not run.
"""

import doctest
import inspect
import io
import os

import pytest
from qgis.core import QgsProject

import wealthmap.api as wm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUNCTIONS = sorted(name for name, obj in vars(wm).items()
                   if inspect.isfunction(obj) and obj.__module__ == wm.__name__ and not name.startswith("_"))
#: functions whose docstrings must name every parameter and carry a runnable example
THEMATIC = ("join_table", "choropleth", "bivariate", "chart_map", "export_map")
#: the other jobs' functions: they must carry runnable examples too
MUST_HAVE_EXAMPLES = THEMATIC + ("geocode", "build_address_index", "predict_wealth", "train_wealth_model")


def _examples(name):
    finder = doctest.DocTestFinder(recurse=False)
    return [test for test in finder.find(getattr(wm, name), name, module=wm, globs={}) if test.examples]


@pytest.mark.parametrize("name", MUST_HAVE_EXAMPLES)
def test_docstring_has_examples(name):
    assert _examples(name), "wealthmap.api.{} has no >>> example".format(name)


@pytest.mark.parametrize("name", [n for n in FUNCTIONS if _examples(n)])
def test_docstring_examples_run_as_written(qgis_app, monkeypatch, name):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("WEALTHMAP_SKIP_NOMINATIM", "1")
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    try:
        for test in _examples(name):
            runner.run(test, out=report.write)
    finally:
        QgsProject.instance().removeAllMapLayers()
    results = runner.summarize(verbose=False)
    assert results.failed == 0, report.getvalue()
    assert results.attempted >= 3


@pytest.mark.parametrize("name", THEMATIC)
def test_thematic_docstrings_name_every_parameter(name):
    function = getattr(wm, name)
    doc = inspect.getdoc(function)
    missing = [p for p in inspect.signature(function).parameters if "``{}``".format(p) not in doc]
    assert not missing, "{} does not explain {}".format(name, missing)
    assert "default" in doc and _examples(name), name


def test_every_api_function_is_collected():
    assert set(MUST_HAVE_EXAMPLES) <= set(FUNCTIONS) and "install_dependencies" in FUNCTIONS
