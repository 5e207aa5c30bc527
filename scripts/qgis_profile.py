#!/usr/bin/env python3
"""Create (or refresh) a QGIS profile in which WealthMap is installed and enabled.

  scripts/qgis_profile.py --profiles DIR [--profile NAME] [--plugin PATH] [--copy]

The plugin is linked (development: edits show after a plugin reload) or copied from
PATH (default: this repository). Used by `make qgis`, the desktop tests and the
screenshot script. First-start dialogs are switched off so QGIS opens straight away.
"""

import argparse
import configparser
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_profile(profiles, profile="wealthmap", plugin=ROOT, copy=False, locale=None):
    base = os.path.join(os.path.abspath(profiles), "profiles", profile)
    plugins = os.path.join(base, "python", "plugins")
    os.makedirs(plugins, exist_ok=True)
    target = os.path.join(plugins, "wealthmap")
    if os.path.islink(target) or os.path.isfile(target):
        os.remove(target)
    elif os.path.isdir(target):
        shutil.rmtree(target)
    if copy:
        shutil.copytree(plugin, target, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", ".nominatim"))
    else:
        os.symlink(os.path.abspath(plugin), target)
    ini_dir = os.path.join(base, "QGIS")
    os.makedirs(ini_dir, exist_ok=True)
    ini = os.path.join(ini_dir, "QGIS3.ini")
    config = configparser.RawConfigParser()
    config.optionxform = str
    if os.path.exists(ini):
        config.read(ini, encoding="utf-8")
    for section, values in {
        "PythonPlugins": {"wealthmap": "true"},
        "qgis": {"showTips": "false", "checkVersion": "false", "allowVersionCheck": "false",
                 "migration\\fileVersion": "3", "showPluginUpgradeDialog": "false"},
        "core": {"DefaultProfile": profile},
        "app": {"Plugin%20Manager\\checkOnStart": "false"},
    }.items():
        if not config.has_section(section):
            config.add_section(section)
        for key, value in values.items():
            config.set(section, key, value)
    if locale:
        if not config.has_section("locale"):
            config.add_section("locale")
        config.set("locale", "overrideFlag", "true")
        config.set("locale", "userLocale", locale)
    with open(ini, "w", encoding="utf-8") as handle:
        config.write(handle, space_around_delimiters=False)
    with open(os.path.join(os.path.abspath(profiles), "profiles", "profiles.ini"), "w", encoding="utf-8") as handle:
        handle.write("[core]\ndefaultProfile={}\n".format(profile))
    return base


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", required=True)
    parser.add_argument("--profile", default="wealthmap")
    parser.add_argument("--plugin", default=ROOT)
    parser.add_argument("--copy", action="store_true")
    parser.add_argument("--locale")
    args = parser.parse_args()
    print(make_profile(args.profiles, args.profile, args.plugin, args.copy, args.locale))


if __name__ == "__main__":
    main()
