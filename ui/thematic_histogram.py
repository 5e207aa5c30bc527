"""A small histogram of the values with the class breaks drawn over it (preview in the dock)."""

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core.i18n import tr


class ClassHistogram(QWidget):
    """Bars coloured by class; call :meth:`set_data` with values, breaks and colours."""

    BINS = 40

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values = None
        self.breaks = []
        self.colors = []
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(tr("Distribution of the values; vertical lines are the class breaks."))

    def set_data(self, values, breaks, colors):
        values = np.asarray(values, dtype=float) if values is not None else None
        self.values = values[np.isfinite(values)] if values is not None else None
        self.breaks = list(breaks or [])
        self.colors = [QColor(c) for c in colors or []]
        self.update()

    def clear(self):
        self.set_data(None, [], [])

    def paintEvent(self, event):  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.values is None or self.values.size == 0:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), tr("No values to preview."))
            painter.end()
            return
        lo, hi = float(self.values.min()), float(self.values.max())
        if hi == lo:
            hi = lo + 1.0
        counts, edges = np.histogram(self.values, bins=self.BINS, range=(lo, hi))
        width, height = self.width() - 8, self.height() - 8
        top = counts.max() or 1

        def x_of(value):
            return 4 + (value - lo) / (hi - lo) * width

        for count, left, right in zip(counts, edges[:-1], edges[1:]):
            centre = (left + right) / 2
            index = int(np.searchsorted(self.breaks, centre, side="left")) if self.breaks else 0
            color = self.colors[min(index, len(self.colors) - 1)] if self.colors else QColor("#888888")
            bar_h = count / top * height
            painter.fillRect(QRectF(x_of(left), 4 + height - bar_h, max(1.0, x_of(right) - x_of(left) - 1), bar_h),
                             color)
        painter.setPen(QPen(QColor("#222222"), 1, Qt.PenStyle.DashLine))
        for b in self.breaks[:-1]:
            if lo <= b <= hi:
                painter.drawLine(QPointF(x_of(b), 4), QPointF(x_of(b), 4 + height))
        painter.end()
