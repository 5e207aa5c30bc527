"""The empty-output template cache: keyed on what the style means (QGIS 3.44 writes random symbol-layer
ids into every exported style, which made every prediction write a new template), and bounded."""

import os
import re
import uuid

from osgeo import osr

from wealthmap.core.wealth import output_cache
from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle


def _qml_with_random_ids(qml):
    """What QGIS 3.44 does on each export: every symbol layer (<layer ...>) and class (<range ...>) gets a
    new id."""
    qml = re.sub(r'(<(?:layer|range) [^>]*)\b(?:id|uuid)="\{[-0-9a-f]+\}"', r"\1", qml)
    qml = re.sub(r"<range ", lambda m: '<range uuid="{%s}" ' % uuid.uuid4(), qml)
    return re.sub(r"<layer ", lambda m: '<layer id="{%s}" ' % uuid.uuid4(), qml)


def _styled_qml(bundle, values=(0.1, 0.5, 0.9)):
    from wealthmap.core.wealth.predict import make_renderer, style_layer, style_qml

    layer = style_layer(bundle)
    layer.setRenderer(make_renderer(list(values), bundle))
    return style_qml(layer)


def _clean(folder):
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))


def test_template_is_reused_when_only_generated_ids_differ(qgis_app):
    from wealthmap.core.wealth.predict import output_template
    from wealthmap.core.wealth.sentinel2 import cache_folder

    bundle = load_bundle(DEFAULT_BUNDLE)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    qml = _styled_qml(bundle)
    first, second = _qml_with_random_ids(qml), _qml_with_random_ids(qml)
    assert first != second and 'id="{' in first
    assert output_cache.style_key(first) == output_cache.style_key(second) == output_cache.style_key(qml)
    # two real exports of one style (on QGIS 3.44 they differ: ids, random elevation-profile colours)
    assert output_cache.style_key(_styled_qml(bundle)) == output_cache.style_key(qml)
    folder = cache_folder("outputs")
    _clean(folder)
    a = output_template("cache_test", srs, bundle, first)
    b = output_template("cache_test", srs, bundle, second)
    assert a is not None and a == b and os.listdir(folder) == [os.path.basename(a)]


def test_style_key_keeps_what_the_style_means(qgis_app):
    bundle = load_bundle(DEFAULT_BUNDLE)
    qml = _styled_qml(bundle)
    spaced = qml.replace("<Option", "<Option ", 1)  # layout only: same meaning
    assert output_cache.style_key(spaced) == output_cache.style_key(qml)
    # anything else changes the key: a colour, a class label, a rule key that is not a generated id
    start = qml.index("<renderer-v2")
    colour = re.search(r'value="(\d+,\d+,\d+,\d+)', qml[start:])
    changed = qml[:start] + qml[start:].replace(colour.group(1), "1,2,3,255", 1)
    assert output_cache.style_key(changed) != output_cache.style_key(qml)
    label = re.search(r'label="([^"]+)"', qml[start:]).group(1)
    relabelled = qml[:start] + qml[start:].replace('label="{}"'.format(label), 'label="other"', 1)
    assert output_cache.style_key(relabelled) != output_cache.style_key(qml)
    assert output_cache.style_key('<qgis><rule key="low"/></qgis>') != output_cache.style_key(
        '<qgis><rule key="high"/></qgis>')
    assert output_cache.style_key(None) == output_cache.style_key("") == ""
    # the random elevation-profile symbols are left out; the same symbol in the renderer is not
    profile = '<qgis><elevation><profileFillSymbol><symbol c="{}"/></profileFillSymbol></elevation>{}</qgis>'
    assert output_cache.style_key(profile.format("1", "")) == output_cache.style_key(profile.format("2", ""))
    assert output_cache.style_key(profile.format("1", '<renderer-v2 c="1"/>')) != output_cache.style_key(
        profile.format("1", '<renderer-v2 c="2"/>'))
    assert output_cache.style_key("not xml <") != output_cache.style_key("not xml >")


def test_template_folder_is_bounded(qgis_app, monkeypatch):
    from wealthmap.core.wealth.predict import output_template
    from wealthmap.core.wealth.sentinel2 import cache_folder

    bundle = load_bundle(DEFAULT_BUNDLE)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    folder = cache_folder("outputs")
    _clean(folder)
    monkeypatch.setattr(output_cache, "MAX_TEMPLATES", 3)
    stale = os.path.join(folder, "abc.123-456.part.gpkg")  # left by a run that crashed an hour ago
    with open(stale, "wb") as handle:
        handle.write(b"x")
    os.utime(stale, (1, 1))
    paths = [output_template("layer_{}".format(i), srs, bundle) for i in range(6)]
    assert all(paths)
    names = sorted(os.listdir(folder))
    assert len(names) == 3 and names == sorted(os.path.basename(p) for p in paths[-3:])
    # a hit refreshes the template: the next new one evicts the least recently used instead
    assert output_template("layer_3", srs, bundle) == paths[3]
    output_template("layer_6", srs, bundle)
    assert os.path.exists(paths[3]) and not os.path.exists(paths[4])
    # the byte bound too
    monkeypatch.setattr(output_cache, "MAX_BYTES", os.path.getsize(paths[3]) + 1)
    kept = output_template("layer_7", srs, bundle)
    assert os.listdir(folder) == [os.path.basename(kept)]
