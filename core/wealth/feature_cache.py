"""A persistent cache of the chip-context features per survey point and raster (SQLite in the profile).

Embedding the chips of a point's context is the slow part of training; a rerun with the same
inputs reads the features back. The key covers everything that changes them: the raster
(``features.source_signature``: absolute path, modification time, size, band mapping,
reflectance scale and offset), the point (lon/lat to 1e-7 degree), the feature settings
(context chips, chip thresholds, feature code version) and the embedder
(``features.embedder_signature``: ONNX sha256, bands, chip size, ground sample distance,
normalisation).
Values are float32 rows (bytes), or the reason a point was left out (text).
"""

import hashlib
import os
import sqlite3
import threading

import numpy as np

SCHEMA = "CREATE TABLE IF NOT EXISTS features (key TEXT PRIMARY KEY, vec BLOB, reason TEXT)"


def default_path():
    from ..settings import data_dir

    return os.path.join(data_dir("cache"), "train_features.sqlite")


class FeatureCache:
    """``get(key)`` -> float32 row, reason text or ``None``; ``put_many([(key, row or reason)])``."""

    def __init__(self, path=None):
        self.path = path or default_path()
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(SCHEMA)
        self._conn.commit()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(source_signature, lon, lat, settings, embedder_signature):
        parts = [
            str(source_signature), "{:.7f},{:.7f}".format(float(lon), float(lat)),
            repr(sorted(settings.as_dict().items())), str(embedder_signature),
        ]
        return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()

    def get(self, key):
        with self._lock:
            row = self._conn.execute("SELECT vec, reason FROM features WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        if row[1] is not None:
            return row[1]
        return np.frombuffer(row[0], dtype=np.float32).copy()

    def put_many(self, items):
        data = []
        for key, value in items:
            if isinstance(value, str):
                data.append((key, None, value))
            else:
                data.append((key, np.asarray(value, dtype=np.float32).tobytes(), None))
        with self._lock:
            self._conn.executemany("INSERT OR REPLACE INTO features (key, vec, reason) VALUES (?, ?, ?)", data)
            self._conn.commit()

    def count(self):
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM features").fetchone()[0]

    def clear(self):
        with self._lock:
            self._conn.execute("DELETE FROM features")
            self._conn.commit()

    def close(self):
        with self._lock:
            self._conn.close()
