"""The examples in the docstrings of ``wealthmap.api`` run as written (doctest), on the sample data.

Every public function of the console API is collected; the ``>>>`` examples of each are run in a fresh
namespace with a real QGIS application, and what they print must be what the docstring shows
(``ELLIPSIS`` and ``NORMALIZE_WHITESPACE`` on). A function without ``>>>`` examples is reported as skipped.
"""

import doctest
import inspect
import io

import pytest
from qgis.core import QgsProject

import wealthmap.api as wm

FUNCTIONS = sorted(name for name, obj in vars(wm).items()
                   if inspect.isfunction(obj) and obj.__module__ == wm.__name__ and not name.startswith("_"))
#: functions whose docstrings must name every parameter and carry a runnable example
THEMATIC = ("join_table", "choropleth", "bivariate", "chart_map", "export_map")


def _examples(name):
    finder = doctest.DocTestFinder(recurse=False)
    return [test for test in finder.find(getattr(wm, name), name, module=wm, globs={}) if test.examples]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_docstring_examples_run_as_written(qgis_app, monkeypatch, tmp_path, name):
    tests = _examples(name)
    if not tests:
        pytest.skip("wealthmap.api.{} has no >>> example".format(name))
    monkeypatch.setenv("WEALTHMAP_SKIP_NOMINATIM", "1")
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    try:
        for test in tests:
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
    assert set(THEMATIC) <= set(FUNCTIONS) and {"geocode", "predict_wealth", "train_wealth_model"} <= set(FUNCTIONS)
