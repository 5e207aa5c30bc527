"""The offline address index: one SQLite file, FTS5 full-text search plus fuzzy scoring.

Tables:

* ``docs``: one row per address, street, place or city (``kind``), with its parts,
  point (``lon``/``lat``, EPSG:4326), display ``address`` and normalised text ``norm``;
* ``docs_fts``: FTS5 over ``norm`` (unicode61 tokens; ``12-3`` stays one token);
* ``vocab``: every token with its document frequency, and ``vocab_fts``, an FTS5
  *trigram* index over the tokens, which finds the right spelling of a mistyped
  token; tokens shorter than three characters (two-syllable Korean such as 강남) go
  through a prefix/``LIKE`` fallback instead, since trigrams need three characters.

A query is normalised (:mod:`.normalize`), tried as an exact normalised match, then as
an FTS5 query built from the corrected tokens (AND, backing off by dropping the most
common parts), and every candidate is scored 0..1 by how much of the query it covers
(tokens weighted by rarity, fuzzy similarity, house number) and how much of it the
query covers. Parts may come in any order.
"""

import math
import os
import sqlite3
import threading
import uuid

from ..errors import WealthMapError
from ..i18n import tr
from .normalize import is_number, normalize, similarity, tokens

SCHEMA_VERSION = "1"
KINDS = ("address", "street", "place", "poi", "city", "postcode")


def _connect(path):
    con = sqlite3.connect(path, check_same_thread=False)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA temp_store=MEMORY")
    con.execute("PRAGMA cache_size=-65536")
    return con


def compose_address(row):
    """A display address from parts: ``name, street housenumber, postcode city``."""
    parts = []
    name = (row.get("name") or "").strip()
    street = (row.get("street") or "").strip()
    number = (row.get("housenumber") or "").strip()
    city = (row.get("city") or "").strip()
    postcode = (row.get("postcode") or "").strip()
    if name:
        parts.append(name)
    if street:
        parts.append("{} {}".format(street, number).strip())
    elif number:
        parts.append(number)
    tail = "{} {}".format(postcode, city).strip()
    if tail and tail != name:
        parts.append(tail)
    return ", ".join(parts)


class IndexWriter:
    """Write an index file: ``add(row)`` many times, then ``close()`` (builds FTS and vocab)."""

    def __init__(self, path, source="", overwrite=True, deletes=True):
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise WealthMapError(tr("The folder {0} for the address index does not exist.").format(folder))
        if os.path.isdir(path):
            raise WealthMapError(tr("Cannot write the address index {0}: it is a folder. Give a file name such as "
                                    "addresses.sqlite.").format(path))
        self.path = path
        try:
            if overwrite and os.path.exists(path):
                os.remove(path)
            self.con = _connect(path)
            self._create(source)
        except (OSError, sqlite3.Error) as err:
            raise WealthMapError(tr("Cannot write the address index {0} ({1}). Choose a writable folder.").format(
                path, getattr(err, "strerror", None) or err)) from None
        self.buffer = []
        self.count = 0
        self.deletes = deletes  # False: smaller file (trigram-only typo lookup), e.g. the bundled gazetteer

    def _create(self, source):
        self.con.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS docs(
                id INTEGER PRIMARY KEY, kind TEXT, name TEXT, housenumber TEXT, street TEXT, city TEXT,
                postcode TEXT, country TEXT, lon REAL, lat REAL, address TEXT, norm TEXT, importance REAL);
            """
        )
        self.con.execute("INSERT OR REPLACE INTO meta VALUES('schema', ?)", (SCHEMA_VERSION,))
        self.con.execute("INSERT OR REPLACE INTO meta VALUES('source', ?)", (str(source),))
        # a new id for each build: geocoding caches key on it, so a rebuilt index is asked again
        self.con.execute("INSERT OR REPLACE INTO meta VALUES('build', ?)", (uuid.uuid4().hex,))

    def add(self, row):
        """Add one row: dict with ``lon``, ``lat`` and some of ``kind``, ``name``, ``housenumber``,
        ``street``, ``city``, ``postcode``, ``country``, ``address``, ``importance``.

        Returns False (and adds nothing) when the row has no usable text or point.
        """
        lon, lat = row.get("lon"), row.get("lat")
        if lon is None or lat is None:
            return False
        try:
            lon, lat = float(lon), float(lat)
        except (TypeError, ValueError):
            return False
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0) or math.isnan(lon) or math.isnan(lat):
            return False
        address = (row.get("address") or "").strip() or compose_address(row)
        text = " ".join(
            str(v) for v in (address, row.get("extra") or "") if v
        )
        norm = normalize(text)
        if not norm:
            return False
        country = (row.get("country") or "").strip().lower() or None
        self.buffer.append(
            (row.get("kind") or "address", row.get("name"), (row.get("housenumber") or None) and normalize(
                row.get("housenumber")), row.get("street"), row.get("city"), row.get("postcode"), country,
             lon, lat, address, norm, float(row.get("importance") or 0.0))
        )
        self.count += 1
        if len(self.buffer) >= 20000:
            self.flush()
        return True

    def flush(self):
        if self.buffer:
            self.con.executemany(
                "INSERT INTO docs(kind,name,housenumber,street,city,postcode,country,lon,lat,address,norm,importance)"
                " VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                self.buffer,
            )
            self.buffer = []

    def close(self):
        self.flush()
        con = self.con
        con.executescript(
            """
            DROP TABLE IF EXISTS docs_fts; DROP TABLE IF EXISTS vocab; DROP TABLE IF EXISTS vocab_fts;
            DROP TABLE IF EXISTS temp_v;
            CREATE VIRTUAL TABLE docs_fts USING fts5(norm, content='docs', content_rowid='id',
                tokenize="unicode61 remove_diacritics 0 tokenchars '-'", detail='none', columnsize=0);
            INSERT INTO docs_fts(rowid, norm) SELECT id, norm FROM docs;
            CREATE VIRTUAL TABLE temp.temp_v USING fts5vocab(main, docs_fts, 'row');
            CREATE TABLE vocab(id INTEGER PRIMARY KEY, token TEXT UNIQUE, df INTEGER);
            INSERT INTO vocab(token, df) SELECT term, doc FROM temp.temp_v;
            DROP TABLE temp.temp_v;
            CREATE VIRTUAL TABLE vocab_fts USING fts5(token, content='vocab', content_rowid='id',
                tokenize='trigram', detail='none');
            INSERT INTO vocab_fts(rowid, token) SELECT id, token FROM vocab WHERE length(token) >= 3;
            CREATE INDEX IF NOT EXISTS docs_norm ON docs(norm);
            INSERT INTO docs_fts(docs_fts) VALUES('optimize');
            """
        )
        # symmetric-delete neighbourhood (one deletion) of each token: finds tokens one or two edits away
        # with one indexed lookup; the trigram index covers the rest
        con.execute("DROP TABLE IF EXISTS vocab_del")
        con.execute("CREATE TABLE vocab_del(del TEXT, tid INTEGER)")
        batch = []
        query = "SELECT id, token FROM vocab WHERE length(token) >= 4" + ("" if self.deletes else " AND 0")
        for tid, token in con.execute(query).fetchall():
            if is_number(token):
                continue
            for variant in deletes(token):
                batch.append((variant, tid))
            if len(batch) > 50000:
                con.executemany("INSERT INTO vocab_del VALUES(?, ?)", batch)
                batch = []
        con.executemany("INSERT INTO vocab_del VALUES(?, ?)", batch)
        con.execute("CREATE INDEX vocab_del_i ON vocab_del(del)")
        con.execute("INSERT OR REPLACE INTO meta VALUES('count', ?)", (str(self.count),))
        con.commit()
        con.execute("VACUUM")
        con.close()
        return self.count


def deletes(token):
    """The token and every form of it with one character removed."""
    return {token} | {token[:i] + token[i + 1:] for i in range(len(token))}


class IndexDamagedError(Exception):
    """Reading an index failed in the middle of a batch (its file is damaged): the row fails with this text."""


SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("meta", "docs", "docs_fts", "vocab", "vocab_fts")
#: Files that passed the integrity check in this session, by (path, size, mtime): checked once per version.
_CHECKED = set()


def rebuild_hint(path):
    """How to get a good copy of the index file ``path`` again."""
    from .gazetteer import GAZETTEER_PATH

    if os.path.abspath(path) == os.path.abspath(GAZETTEER_PATH):
        return tr("It is the gazetteer bundled with the plugin: reinstall WealthMap (Plugins > Manage and Install "
                  "Plugins) to restore it.")
    return tr("Rebuild it from its source with 'Build offline address index' (Processing: "
              "wealthmap:buildaddressindex) and run again.")


def _damaged(path, detail):
    return WealthMapError(tr("The address index {0} is damaged ({1}). {2}").format(path, detail, rebuild_hint(path)))


def check_index_file(path, con):
    """Refuse an index that is not one, of another schema, or damaged (``PRAGMA quick_check``, once per file
    version in a session): a :class:`WealthMapError` that names the file and says how to rebuild it."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise WealthMapError(tr("{0} is not a WealthMap address index (no table {1}). Build one with 'Build "
                                "offline address index'.").format(path, ", ".join(missing)))
    schema = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if schema is not None and str(schema[0]) != SCHEMA_VERSION:
        raise WealthMapError(tr("The address index {0} has format version {1}; this WealthMap reads version {2}. "
                                "{3}").format(path, schema[0], SCHEMA_VERSION, rebuild_hint(path)))
    stat = os.stat(path)
    version = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    if version in _CHECKED:
        return
    problems = [r[0] for r in con.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise _damaged(path, "; ".join(str(p) for p in problems)[:300])
    _CHECKED.add(version)


class AddressIndex:
    """Read an index file; :meth:`search` returns scored candidates. Thread-safe (one lock)."""

    def __init__(self, path):
        if not path or not os.path.exists(path):
            raise WealthMapError(
                tr("The address index {0} does not exist. Build one with 'Build address index' first.").format(path)
            )
        self.path = path
        self.lock = threading.Lock()
        try:
            with open(path, "rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as err:
            raise WealthMapError(tr("The address index {0} cannot be read ({1}). Check its permissions.").format(
                path, err.strerror or err)) from None
        if header != SQLITE_HEADER:
            raise WealthMapError(
                tr("{0} is not a WealthMap address index ({1}). Rebuild it with 'Build address index'.").format(
                    path, tr("not an SQLite file")))
        self.con = None
        try:
            self.con = sqlite3.connect("file:{}?mode=ro".format(path), uri=True, check_same_thread=False)
            check_index_file(path, self.con)
            meta = dict(self.con.execute("SELECT key, value FROM meta"))
            self.vocab = dict(self.con.execute("SELECT token, df FROM vocab"))
            self.count = int(meta.get("count", "0") or 0)
            self.has_deletes = bool(self.con.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'vocab_del'").fetchone()) and bool(self.con.execute(
                "SELECT 1 FROM vocab_del LIMIT 1").fetchone())
        except WealthMapError:
            self._close_quietly()
            raise
        except sqlite3.DatabaseError as err:
            self._close_quietly()
            if "not a database" in str(err) or "no such table" in str(err):
                raise WealthMapError(
                    tr("{0} is not a WealthMap address index ({1}). Rebuild it with 'Build address index'.").format(
                        path, err)) from None
            raise _damaged(path, err) from None
        except (UnicodeError, ValueError, TypeError) as err:
            self._close_quietly()
            raise _damaged(path, type(err).__name__) from None
        self.source = meta.get("source", "")
        stat = os.stat(path)
        # what this build of the index is (older files and the bundled gazetteer: their size and time)
        self.build = meta.get("build") or "{}-{}".format(stat.st_size, stat.st_mtime_ns)
        self.n = max(self.count, 1)
        self._fuzzy_cache = {}

    def close(self):
        self.con.close()

    def _close_quietly(self):
        if self.con is not None:
            try:
                self.con.close()
            except sqlite3.Error:
                pass

    # --- token correction --------------------------------------------------------------
    def _idf(self, df):
        return math.log(1.0 + self.n / max(df, 1))

    def _alternatives(self, token):
        """``{vocab_token: similarity}`` for a query token (exact, fuzzy or prefix)."""
        if token in self.vocab:
            return {token: 1.0}
        cached = self._fuzzy_cache.get(token)
        if cached is not None:
            return cached
        alts = {}
        if is_number(token):
            pass
        elif len(token) >= 4 and self.has_deletes:
            variants = deletes(token)
            marks = ",".join("?" * len(variants))
            rows = self.con.execute(
                "SELECT DISTINCT v.token FROM vocab_del d JOIN vocab v ON v.id = d.tid WHERE d.del IN ({})".format(
                    marks), list(variants)).fetchall()
            scored = sorted(((similarity(token, r[0]), r[0]) for r in rows), reverse=True)
            alts = {t: s for s, t in scored[:3] if s >= 0.7}
        if not alts and len(token) >= 3 and not is_number(token):
            grams = {token[i:i + 3] for i in range(len(token) - 2)}
            query = " OR ".join('"{}"'.format(g.replace('"', '""')) for g in grams)
            rows = self.con.execute(
                "SELECT v.token FROM vocab_fts f JOIN vocab v ON v.id = f.rowid WHERE vocab_fts MATCH ? "
                "ORDER BY f.rank LIMIT 40", (query,)
            ).fetchall()
            scored = sorted(((similarity(token, r[0]), r[0]) for r in rows), reverse=True)
            alts = {t: s for s, t in scored[:3] if s >= 0.7}
            if not alts and not token.isascii():
                # Korean: a longer form of the word (e.g. 테헤란 -> 테헤란로)
                rows = self.con.execute(
                    "SELECT token FROM vocab WHERE token > ? AND token < ? ORDER BY length(token) LIMIT 5",
                    (token, token + "\uffff"),
                ).fetchall()
                alts = {r[0]: 0.85 for r in rows}
        elif len(token) < 3 and not token.isascii():
            # Two-syllable Korean (강남): trigram needs three characters; prefix, then LIKE.
            rows = self.con.execute(
                "SELECT token FROM vocab WHERE token > ? AND token < ? ORDER BY length(token) LIMIT 8",
                (token, token + "\uffff"),
            ).fetchall()
            if not rows:
                rows = self.con.execute(
                    "SELECT token FROM vocab WHERE token LIKE ? ORDER BY length(token) LIMIT 8",
                    ("%" + token + "%",),
                ).fetchall()
            alts = {r[0]: 0.85 for r in rows}
        if len(self._fuzzy_cache) > 50000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[token] = alts
        return alts

    # --- search ----------------------------------------------------------------------------
    def search(self, text, limit=5, countries=None, viewbox=None, parsed=None):
        """Candidates for ``text``: dicts ``lon, lat, address, score, match_type, kind, country``.

        ``countries``: ISO codes to keep (rows without a country are kept too);
        ``viewbox``: ``(xmin, ymin, xmax, ymax)`` in EPSG:4326 to keep. ``parsed``: the parts of the
        query (:func:`.parse.parse_address`): a street and number without a town or postcode whose
        street the index holds in several towns gets those towns as candidates and the best one
        ``ambiguous`` (the street alone does not say which town).
        """
        qtokens = tokens(text)
        if not qtokens:
            return []
        townless = bool(parsed and parsed.get("street") and not parsed.get("locality")
                        and not parsed.get("postcode"))
        with self.lock:
            try:
                return self._search(qtokens, limit, countries, viewbox, townless and parsed["street"])
            except (sqlite3.DatabaseError, UnicodeError, TypeError, ValueError) as err:
                # damage that the quick check at opening did not see (a flipped byte in a text or number)
                raise IndexDamagedError(
                    tr("the address index {0} could not be read ({1}): it looks damaged. {2}").format(
                        self.path, str(err)[:120] or type(err).__name__, rebuild_hint(self.path))) from None

    def _search(self, qtokens, limit, countries, viewbox, townless_street=None):
        norm = " ".join(qtokens)
        cols = "id, kind, housenumber, country, lon, lat, address, norm, importance, street, city"
        rows = self.con.execute("SELECT {} FROM docs WHERE norm = ? LIMIT 50".format(cols), (norm,)).fetchall()
        groups = []
        for token in qtokens:
            alts = self._alternatives(token)
            df = max((self.vocab.get(t, 1) for t in alts), default=0)
            weight = self._idf(df) if alts else 1.0
            if is_number(token):
                weight = max(weight, 3.0)
            groups.append((token, alts, weight, df))
        if not rows:
            rows = self._fts_candidates(groups, cols)
        if not rows:
            return []
        wanted = {c.lower() for c in countries} if countries else None
        numbers = [t for t in qtokens if is_number(t)]
        # a query with words needs one of them matched: "가온로 12" is not Marseille's 12th district; a query of
        # numbers alone only finds a postcode or an entry made of those numbers (a table of postcodes)
        has_words = len(numbers) < len(qtokens)
        total_weight = sum(g[2] for g in groups)
        out = self._score(rows, groups, numbers, has_words, total_weight, wanted, viewbox)
        out.sort(key=lambda c: (-c["score"], -c["importance"]))
        if townless_street and out:
            # the street of the best candidate (its corrected spelling) in the other towns that have it
            extra = self._street_namesakes(out[0].get("street"), {r[0] for r in rows}, cols)
            if extra:
                out += self._score(extra, groups, numbers, has_words, total_weight, wanted, viewbox)
                out.sort(key=lambda c: (-c["score"], -c["importance"]))
        out = _merge_close(out)
        if townless_street and out:
            return _flag_street_in_several_towns(out, limit)
        return out[:limit]

    def _score(self, rows, groups, numbers, has_words, total_weight, wanted, viewbox):
        out = []
        for doc_id, kind, housenumber, country, lon, lat, address, doc_norm, importance, street, city in rows:
            if wanted and country and country not in wanted:
                continue
            if viewbox and not (viewbox[0] <= lon <= viewbox[2] and viewbox[1] <= lat <= viewbox[3]):
                continue
            doc_tokens = doc_norm.split()
            used = set()
            got = 0.0
            word_hit = False
            for token, alts, weight, _df in groups:
                best = 0.0
                best_i = None
                for i, d in enumerate(doc_tokens):
                    if is_number(token):
                        s = 1.0 if d == token else 0.0
                    else:
                        s = alts.get(d, 1.0 if d == token else 0.0)
                    if s > best and i not in used:
                        best, best_i = s, i
                        if s == 1.0:
                            break
                if best_i is not None:
                    used.add(best_i)
                    word_hit = word_hit or not is_number(token)
                got += weight * best
            qcov = got / total_weight if total_weight else 0.0
            dcov = len(used) / len(doc_tokens) if doc_tokens else 0.0
            if has_words and not word_hit:
                continue
            if not has_words and kind != "postcode" and dcov < 1.0:
                continue  # numbers alone: a postcode, or an entry that is nothing but these numbers
            score = 0.85 * qcov + 0.15 * dcov
            if kind == "address" and numbers and housenumber and housenumber not in numbers:
                score *= 0.8  # another house on the right street
            if kind == "address":
                match_type = "house" if (housenumber and housenumber in numbers) else "street"
                if not numbers and not housenumber:
                    match_type = "address"
            else:
                match_type = kind
            out.append(
                {
                    "lon": lon, "lat": lat, "address": address, "score": round(min(score, 1.0), 4),
                    "match_type": match_type, "kind": kind, "country": country, "importance": importance or 0.0,
                    "id": doc_id, "street": street, "city": city,
                }
            )
        return out

    def _street_namesakes(self, street, have, cols):
        """The index's street rows named ``street`` (one per town that has it), except the ids in ``have``."""
        words = tokens(street)
        if not words:
            return []
        expr = " AND ".join('"{}"'.format(w.replace('"', '""')) for w in words)
        ids = [r[0] for r in self.con.execute(
            "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? LIMIT 2000", (expr,)) if r[0] not in have]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        target = normalize(street)
        return [r for r in self.con.execute(
            "SELECT {} FROM docs WHERE id IN ({}) AND kind = 'street'".format(cols, marks), ids).fetchall()
            if normalize(r[9] or "") == target]

    def _fts_candidates(self, groups, cols):
        usable = [g for g in groups if g[1]]
        if not usable:
            return []
        words = [g for g in usable if not is_number(g[0])]
        if not words and any(not is_number(g[0]) for g in groups):
            return []  # no word of the query is in the index: its numbers alone would match anything
        attempts = [usable]
        if len(words) != len(usable) and words:
            attempts.append(words)
        rest = sorted(words, key=lambda g: g[3])
        while len(rest) > 1:
            rest = rest[:-1]  # drop the most common part
            attempts.append(rest)
        seen = set()
        for attempt in attempts:
            expr = " AND ".join(
                "(" + " OR ".join('"{}"'.format(t.replace('"', '""')) for t in g[1]) + ")" for g in attempt
            )
            if expr in seen:
                continue
            seen.add(expr)
            ids = [r[0] for r in self.con.execute(
                "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? LIMIT 400", (expr,))]
            if ids:
                marks = ",".join("?" * len(ids))
                return self.con.execute("SELECT {} FROM docs WHERE id IN ({})".format(cols, marks), ids).fetchall()
        return []


def _flag_street_in_several_towns(candidates, limit, metres=250.0):
    """The best candidate's street in another town (farther than ``metres``): flag the best
    ``ambiguous`` and keep one candidate of another town in the first ``limit``."""
    best = candidates[0]
    street = normalize(best.get("street") or "")
    if not street:
        return candidates[:limit]
    others = [c for c in candidates[1:] if normalize(c.get("street") or "") == street
              and (c.get("city") or "") != (best.get("city") or "") and distance_m(best, c) > metres]
    kept = candidates[:limit]
    if others:
        best["ambiguous"] = "street_in_several_towns"
        if not any(c in kept for c in others):
            kept = kept[:max(limit - 1, 1)] + [others[0]]
    return kept


def _merge_close(candidates, metres=60.0):
    """Drop candidates that repeat a better one's address within ``metres``."""
    kept = []
    for cand in candidates:
        dup = False
        for other in kept:
            if other["address"] == cand["address"] and distance_m(other, cand) < metres:
                dup = True
                break
        if not dup:
            kept.append(cand)
    return kept


def distance_m(a, b):
    """Great-circle distance in metres between two dicts with ``lon``/``lat``."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a["lon"], a["lat"], b["lon"], b["lat"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(h)))


def countries_near(index, lon, lat, km=30.0):
    """The set of countries of ``index``'s rows within ``km`` of a point (e.g. the gazetteer's cities)."""
    dlat = km / 111.0
    dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.05))
    with index.lock:
        rows = index.con.execute(
            "SELECT country, lon, lat FROM docs WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND country "
            "IS NOT NULL LIMIT 500", (lat - dlat, lat + dlat, lon - dlon, lon + dlon)).fetchall()
    point = {"lon": lon, "lat": lat}
    return {c.lower() for c, x, y in rows if distance_m(point, {"lon": x, "lat": y}) <= km * 1000.0}
