#!/bin/sh
# debian_packages.sh - Debian package names that carry a version, detected on this machine, never
# hard-coded: PostgreSQL's major version differs between releases (15 in bookworm, 17 in trixie).
#
#   scripts/debian_packages.sh pg-major [PGDATA]   the PostgreSQL major version to use: the one of an
#                                                  existing cluster PGDATA, else the newest installed
#                                                  server, else the one the `postgresql` package installs
#   scripts/debian_packages.sh postgresql [PGDATA] the server and PostGIS package names for it
#                                                  (e.g. "postgresql-15 postgresql-15-postgis-3")
set -eu

pg_major() {
  if [ -n "${1:-}" ] && [ -f "$1/PG_VERSION" ]; then cat "$1/PG_VERSION"; return; fi
  newest=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sed 's#/usr/lib/postgresql/\([0-9]*\)/.*#\1#' \
           | sort -n | tail -1)
  if [ -n "$newest" ]; then echo "$newest"; return; fi
  major=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1)
  [ -n "$major" ] || { echo "cannot tell PostgreSQL's version: apt-cache knows no 'postgresql' package (apt-get update?)" >&2; exit 1; }
  echo "$major"
}

postgis_package() {  # the newest postgresql-N-postgis-M the archive has
  name=$(apt-cache pkgnames "postgresql-$1-postgis-" 2>/dev/null | grep -E "^postgresql-$1-postgis-[0-9]+$" | sort -V | tail -1)
  [ -n "$name" ] || name=$(dpkg-query -W -f='${Package}\n' "postgresql-$1-postgis-*" 2>/dev/null | grep -E -- '-[0-9]+$' | sort -V | tail -1)
  [ -n "$name" ] || { echo "no PostGIS package for PostgreSQL $1 (apt-get update?)" >&2; exit 1; }
  echo "$name"
}

case "${1:-}" in
  pg-major) pg_major "${2:-}" ;;
  postgresql) m=$(pg_major "${2:-}"); echo "postgresql-$m $(postgis_package "$m")" ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
