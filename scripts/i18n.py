#!/usr/bin/env python3
"""Korean translation: extract strings, build ``i18n/wealthmap_ko.ts``, check completeness.

Sources of truth are the ``i18n/ko/*.tsv`` files (one per area: ``core.tsv``,
``geocode.tsv``, ...), each line ``English<TAB>Korean`` (``\\n`` and ``\\t`` escaped).
Strings are found in the Python code as the literal first argument of ``tr(...)``,
``self.tr(...)`` and ``tr_noop(...)``; all of them use the ``WealthMap`` context.

  scripts/i18n.py build    write i18n/wealthmap_ko.ts (then `lrelease` makes the .qm)
  scripts/i18n.py check    exit 1 when a string has no Korean translation, a text read at run time has none
                           (the name and units in models/*/manifest.json) or a constant shown through tr()
                           is not marked with tr_noop() (e.g. a Processing algorithm's GROUP)
  scripts/i18n.py missing  print the missing strings as TSV lines to fill in
"""

import ast
import glob
import os
import sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_DIRS = {".venv", ".git", "tests", "build", "dist", "demo_output", ".qgis-profile", "bench", "scripts",
             ".nominatim"}
CONTEXT = "WealthMap"
FUNCS = {"tr", "tr_noop"}


def python_files():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def extract():
    """Return ``{source: [locations]}`` in order of first appearance."""
    found = {}
    for path in sorted(python_files()):
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name not in FUNCS:
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                rel = os.path.relpath(path, ROOT)
                found.setdefault(arg.value, []).append("{}:{}".format(rel, node.lineno))
    return found


def unmarked_constants():
    """``GROUP = "literal"`` class constants (shown through ``tr()`` at run time, so they must be written
    ``tr_noop("...")`` for the extraction to see them): ``[(text, location)]``."""
    found = []
    for path in sorted(python_files()):
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and \
                    isinstance(node.value.value, str) and node.value.value and \
                    any(isinstance(t, ast.Name) and t.id == "GROUP" for t in node.targets):
                found.append((node.value.value, "{}:{}".format(os.path.relpath(path, ROOT), node.lineno)))
    return found


def manifest_texts():
    """``{text: [location]}``: the texts of the shipped model manifests shown in the UI (name, units)."""
    import json

    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "models", "*", "manifest.json"))):
        with open(path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        rel = os.path.relpath(path, ROOT)
        templates = manifest.get("i18n") or {}
        for key, text in (("name", manifest.get("name")), ("units", (manifest.get("output") or {}).get("units"))):
            if key in templates:
                text = templates[key][0]
            if text:
                found.setdefault(text, []).append("{}:{}".format(rel, key))
    return found


def unescape(text):
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def load_translations():
    translations = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "i18n", "ko", "*.tsv"))):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                if "\t" not in line:
                    sys.exit("{}:{}: expected 'English<TAB>Korean'".format(path, number))
                source, target = line.split("\t", 1)
                translations[unescape(source)] = unescape(target)
    return translations


def build():
    strings = extract()
    translations = load_translations()
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="ko_KR">',
           "<context>", "    <name>{}</name>".format(CONTEXT)]
    for source, locations in strings.items():
        out.append("    <message>")
        for location in locations:
            filename, line = location.rsplit(":", 1)
            out.append('        <location filename="../{}" line="{}"/>'.format(filename, line))
        out.append("        <source>{}</source>".format(escape(source)))
        if source in translations:
            out.append("        <translation>{}</translation>".format(escape(translations[source])))
        else:
            out.append('        <translation type="unfinished"></translation>')
        out.append("    </message>")
    out += ["</context>", "</TS>", ""]
    path = os.path.join(ROOT, "i18n", "wealthmap_ko.ts")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))
    print("wrote {} ({} strings)".format(os.path.relpath(path, ROOT), len(strings)))


def missing():
    translations = load_translations()
    strings = dict(extract())
    for text, locations in manifest_texts().items():
        strings.setdefault(text, []).extend(locations)
    return {s: locs for s, locs in strings.items() if not translations.get(s)}


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "build":
        build()
    elif command == "missing":
        for source, locations in missing().items():
            print("{}\t\t# {}".format(source.replace("\n", "\\n").replace("\t", "\\t"), locations[0]))
    elif command == "check":
        absent = missing()
        total = len(extract())
        unmarked = unmarked_constants()
        if unmarked:
            print("Constants shown through tr() but not marked for translation (write tr_noop(\"...\")):")
            for text, location in unmarked:
                print("  {!r}  ({})".format(text, location))
            sys.exit(1)
        if absent:
            print("Korean translation incomplete: {} of {} strings have none:".format(len(absent), total))
            for source, locations in absent.items():
                print("  {!r}  ({})".format(source, locations[0]))
            print("Add them to i18n/ko/<area>.tsv (scripts/i18n.py missing prints them).")
            sys.exit(1)
        print("Korean translation complete: {} strings".format(total))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
