"""Names of the layers a job adds: unique in the project, and usable as file names."""


def unique_layer_name(name, project=None, ignore=()):
    """``name``, or ``name (2)``, ``name (3)``... so that no other layer of ``project`` has it
    (layers whose id is in ``ignore`` do not count: a rerun's layer about to be replaced)."""
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    taken = {lyr.name() for lyr in project.mapLayers().values() if lyr.id() not in set(ignore)}
    if name not in taken:
        return name
    n = 2
    while "{} ({})".format(name, n) in taken:
        n += 1
    return "{} ({})".format(name, n)


def file_stem(name):
    """A file name part from a layer name (letters, digits, Hangul, '-' and '_' kept)."""
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name).strip("_")
    return stem[:60] or "addresses"
