"""Table reader benchmark: encoding detection over the whole file, the strict CSV read and the memory layer,
beside QGIS's delimited text provider on the same file.

Run: ``.venv/bin/python bench/bench_tables_read.py [rows]`` (default 50,000 rows; keep it small on a shared
machine); figures are printed and written to ``bench/results/tables_read.json``.
"""

import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from qgis.testing import start_app  # noqa: E402

import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``

APP = start_app()

from qgis.core import QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtCore import QUrl, QUrlQuery  # noqa: E402

from wealthmap.core.encodings import detect_encoding  # noqa: E402
from wealthmap.core.tablereader import read_text_table, table_layer  # noqa: E402


def write(path, rows, encoding, header_end="\r\n"):
    words = ["서울특별시 종로구 세종대로", "부산광역시 해운대구 우동", "대구광역시 중구 동성로"]
    with open(path, "w", encoding=encoding, newline="") as handle:
        handle.write("id,주소,인구,메모" + header_end)
        for i in range(rows):
            handle.write('{0},{1} {0},{2},"메모, 줄\n바꿈 {0}"\n'.format(i + 1, words[i % 3], 1000 + i))


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    folder = tempfile.mkdtemp(prefix="wm-bench-tables-")
    results = {"rows": rows, "machine": platform.machine(), "python": platform.python_version()}
    # "mixed": a CRLF header and LF rows (as files edited on two systems are); "lf": LF throughout
    for encoding, ending in (("utf-8", "mixed"), ("cp949", "mixed"), ("utf-8", "lf"), ("cp949", "lf")):
        path = os.path.join(folder, "t_{}_{}.csv".format(encoding, ending))
        write(path, rows, encoding, "\r\n" if ending == "mixed" else "\n")
        size_mb = os.path.getsize(path) / 1e6
        detected, t_detect = timed(detect_encoding, path)
        table, t_read = timed(read_text_table, path)
        tracemalloc.start()  # (slows the read down many times: measured on its own)
        read_text_table(path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        layer, t_layer = timed(table_layer, table)
        url = QUrl.fromLocalFile(path)
        query = QUrlQuery()
        for key, value in (("type", "csv"), ("delimiter", ","), ("encoding", "CP949" if encoding == "cp949"
                                                                       else "UTF-8"), ("geomType", "none"),
                           ("detectTypes", "yes")):
            query.addQueryItem(key, value)
        url.setQuery(query)

        def qgis_read(uri):
            lyr = QgsVectorLayer(uri, "q", "delimitedtext")
            return sum(1 for _ in lyr.getFeatures())

        qgis_rows, t_qgis = timed(qgis_read, bytes(url.toEncoded()).decode("ascii"))
        figures = {"file_mb": round(size_mb, 2), "detected": detected, "detect_s": round(t_detect, 3),
                   "read_s": round(t_read, 3), "read_peak_mb": round(peak / 1e6, 1), "layer_s": round(t_layer, 3),
                   "rows_read": len(table.rows), "layer_rows": layer.featureCount(),
                   "qgis_delimitedtext_s": round(t_qgis, 3), "qgis_rows": qgis_rows}
        results["{}_{}".format(encoding, ending)] = figures
        print(encoding, ending, json.dumps(figures, ensure_ascii=False))
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "tables_read.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
