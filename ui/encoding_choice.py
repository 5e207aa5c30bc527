"""Ask which encoding a table file uses when the reader cannot tell (a small choice, for the docks)."""

from ..core.i18n import tr
from ..core.tablereader import encoding_label


def encoding_candidates(error):
    """The encodings a :class:`WealthMapError` from the table reader names as candidates (``[]``: none)."""
    return list((getattr(error, "details", None) or {}).get("encoding_candidates") or [])


def ask_encoding(parent, error):
    """Show the reader's message and let the user pick one of its candidate encodings; ``None`` when there is
    nothing to choose or the user cancels."""
    candidates = encoding_candidates(error)
    if not candidates:
        return None
    from qgis.PyQt.QtWidgets import QInputDialog

    labels = [encoding_label(c) for c in candidates]
    label, ok = QInputDialog.getItem(parent, tr("Which encoding?"),
                                     str(error) + "\n\n" + tr("Read the file as:"), labels, 0, False)
    return candidates[labels.index(label)] if ok and label in labels else None
