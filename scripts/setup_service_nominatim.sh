#!/usr/bin/env bash
# setup_service_nominatim.sh - a real, local Nominatim 5.3.3 geocoder on 127.0.0.1 for WealthMap's
# geocoding tests and benchmarks (Debian bookworm or trixie; PostgreSQL's version is detected).
#
#   scripts/setup_service_nominatim.sh install|start|stop|status
#
#   install  apt packages (if missing, needs root), a venv, a private PostgreSQL cluster and the
#            import of the OSM data; leaves everything stopped. `make setup` runs it.
#   start    install if needed, then start PostgreSQL and `nominatim serve` (prints the URL).
#   stop     stop only the processes this script started (PIDs in $NOM_DIR).
#   status   what runs.
#
# Idempotent: every step checks first; a second `start` takes 1-2 s. Everything lives under
# $NOM_DIR (default: <repo>/.nominatim, git-ignored); nothing listens beyond 127.0.0.1.
#
# Environment (all optional):
#   NOM_DIR        working dir (venv, cluster, project, logs)       [<repo>/.nominatim]
#   NOM_HTTP_PORT  port of the Nominatim HTTP API                    [8089]
#   NOM_PG_PORT    port of the private PostgreSQL cluster            [5498]
#   NOM_OSM_FILE   OSM extract to import besides the synthetic Korean town written below;
#                  default tests/data/osm/osm_liechtenstein_autauga.osm.pbf (shipped)
#                  (Liechtenstein + Autauga County AL, (c) OpenStreetMap contributors, ODbL)
#   NOM_THREADS    import threads                                    [2]
# Pitfalls handled: PyICU from Debian (venv with --system-site-packages), --offline import,
# sorted .osm input, PostgreSQL folders owned by `postgres`, a `www-data` role.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOM_DIR=${NOM_DIR:-$REPO/.nominatim}
NOM_HTTP_PORT=${NOM_HTTP_PORT:-8089}
NOM_PG_PORT=${NOM_PG_PORT:-5498}
NOM_THREADS=${NOM_THREADS:-2}
NOM_VERSION=5.3.3
VENV=$NOM_DIR/venv
# The cluster's folders must be reachable by the `postgres` user. A checkout inside a folder that other
# users cannot enter (a clone under a mktemp folder, a home folder with mode 700) keeps them under
# postgres's own home instead, one folder per checkout.
PG_ROOT=$NOM_DIR
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$REPO" 2>/dev/null; then
  PG_ROOT=/var/lib/postgresql/wealthmap-nominatim-$(printf %s "$REPO" | sha1sum | cut -c1-12)
fi
PGDATA=$PG_ROOT/pgdata
# PostgreSQL's major version is detected (an existing cluster's, else the installed or the distribution's
# default server: 15 on bookworm, 17 on trixie), never hard-coded
PG_PACKAGES=$(sh "$REPO/scripts/debian_packages.sh" postgresql "$PGDATA" 2>/dev/null || true)
PG_MAJOR=$(sh "$REPO/scripts/debian_packages.sh" pg-major "$PGDATA" 2>/dev/null || true)
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
SOCK=$PG_ROOT/run
PROJECT=$NOM_DIR/project
PIDFILE=$NOM_DIR/nominatim-serve.pid
BASE_URL=http://127.0.0.1:$NOM_HTTP_PORT
APT_PKGS="$PG_PACKAGES osm2pgsql python3-venv python3-icu curl ca-certificates"

log() { printf '[setup_service_nominatim %s] %s\n' "$(date +%T)" "$*"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_running() { [ -f "$PGDATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }
serve_alive() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
api_ok() { curl -fsS -m 2 "$BASE_URL/status?format=json" 2>/dev/null | grep -q '"status":0'; }
PSQL() { psql -h "$SOCK" -p "$NOM_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

do_stop() {
  if serve_alive; then
    log "stopping nominatim serve (pid $(cat "$PIDFILE"))"
    kill "$(cat "$PIDFILE")"
    for _ in $(seq 50); do serve_alive || break; sleep 0.1; done
  fi
  rm -f "$PIDFILE"
  if pg_running; then log "stopping PostgreSQL ($PGDATA)"; as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
}

do_status() {
  if pg_running; then echo "postgres: running (port $NOM_PG_PORT)"; else echo "postgres: stopped"; fi
  if serve_alive; then echo "nominatim serve: pid $(cat "$PIDFILE")"; else echo "nominatim serve: not running"; fi
  if api_ok; then curl -s "$BASE_URL/status?format=json"; echo; else echo "API: not answering on $BASE_URL"; fi
}

write_fixture() {  # synthetic Korean town (ids far above real OSM ids); sorted: nodes, ways
  cat > "$1" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="setup_service_nominatim.sh">
  <node id="19000000001" version="1" lat="37.3000" lon="127.0000">
    <tag k="place" v="town"/><tag k="name" v="가온시"/><tag k="name:en" v="Gaon-si"/><tag k="name:ko" v="가온시"/>
  </node>
  <node id="19000000011" version="1" lat="37.3000" lon="126.9950"/>
  <node id="19000000012" version="1" lat="37.3000" lon="127.0000"/>
  <node id="19000000013" version="1" lat="37.3000" lon="127.0050"/>
  <node id="19000000021" version="1" lat="37.2970" lon="127.0020"/>
  <node id="19000000022" version="1" lat="37.3030" lon="127.0020"/>
  <node id="19000000031" version="1" lat="37.30010" lon="126.99700">
    <tag k="addr:housenumber" v="12"/><tag k="addr:street" v="가온로"/><tag k="addr:city" v="가온시"/><tag k="addr:postcode" v="16001"/>
  </node>
  <node id="19000000032" version="1" lat="37.30010" lon="127.00300">
    <tag k="addr:housenumber" v="34"/><tag k="addr:street" v="가온로"/><tag k="addr:city" v="가온시"/><tag k="addr:postcode" v="16001"/>
    <tag k="amenity" v="townhall"/><tag k="name" v="가온시청"/><tag k="name:en" v="Gaon City Hall"/>
  </node>
  <node id="19000000033" version="1" lat="37.30150" lon="127.00210">
    <tag k="addr:housenumber" v="7"/><tag k="addr:street" v="나래길"/><tag k="addr:city" v="가온시"/><tag k="addr:postcode" v="16002"/>
  </node>
  <way id="19000000101" version="1">
    <nd ref="19000000011"/><nd ref="19000000012"/><nd ref="19000000013"/>
    <tag k="highway" v="primary"/><tag k="name" v="가온로"/><tag k="name:en" v="Gaon-ro"/>
  </way>
  <way id="19000000102" version="1">
    <nd ref="19000000021"/><nd ref="19000000022"/>
    <tag k="highway" v="residential"/><tag k="name" v="나래길"/><tag k="name:en" v="Narae-gil"/>
  </way>
</osm>
EOF
}

do_install() {
  local t0=$SECONDS
  [ -n "$PG_PACKAGES" ] || { echo "cannot tell which PostgreSQL to install: run apt-get update (scripts/debian_packages.sh)" >&2; exit 1; }
  mkdir -p "$NOM_DIR" && NOM_DIR=$(cd "$NOM_DIR" && pwd)

  # 1. Debian packages (only what is missing)
  local missing=""
  for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] || { echo "need root to apt-get install:$missing (run: sudo make setup)" >&2; exit 1; }
    log "apt-get install$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi

  # 2. venv with Debian's PyICU (no wheel on PyPI)
  if ! "$VENV/bin/nominatim" --version 2>/dev/null | grep -q "$NOM_VERSION"; then
    log "creating $VENV + pip install nominatim-db/nominatim-api $NOM_VERSION (about 1-3 min)"
    /usr/bin/python3 -m venv --system-site-packages "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check \
      "nominatim-db==$NOM_VERSION" "nominatim-api==$NOM_VERSION" falcon uvicorn "psycopg[binary]"
  fi

  # 3. private PostgreSQL cluster: trust auth, loopback + unix socket in $NOM_DIR only
  chmod 755 "$NOM_DIR"
  mkdir -p "$SOCK" "$PGDATA"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_ROOT" "$SOCK" "$PGDATA"; fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "initdb $PGDATA"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
    cat >> "$PGDATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $NOM_PG_PORT
unix_socket_directories = '$SOCK'
fsync = off                    # test database only
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
maintenance_work_mem = 512MB
work_mem = 32MB
max_wal_size = 1GB
EOF
  fi
  if ! pg_running; then
    log "starting PostgreSQL on 127.0.0.1:$NOM_PG_PORT"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$SOCK/postgresql.log" -w start >/dev/null
  fi
  PSQL -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='www-data'" | grep -q 1 \
    || PSQL -d postgres -c 'CREATE ROLE "www-data" LOGIN'

  # 4. project + import (again only when the input files changed or the database is broken)
  mkdir -p "$PROJECT" "$NOM_DIR/data"
  write_fixture "$NOM_DIR/data/synthetic_kr.osm"
  cat > "$PROJECT/.env" <<EOF
NOMINATIM_DATABASE_DSN="pgsql:dbname=nominatim;host=$SOCK;port=$NOM_PG_PORT;user=postgres"
NOMINATIM_DATABASE_WEBUSER="www-data"
EOF
  local files=()
  local real=${NOM_OSM_FILE:-}
  if [ -z "$real" ] && [ -f "$REPO/tests/data/osm/osm_liechtenstein_autauga.osm.pbf" ]; then
    real=$REPO/tests/data/osm/osm_liechtenstein_autauga.osm.pbf
  fi
  if [ -n "$real" ]; then
    [ -f "$real" ] || { echo "NOM_OSM_FILE not found: $real" >&2; exit 1; }
    files+=("$(cd "$(dirname "$real")" && pwd)/$(basename "$real")")
  else
    log "no OSM extract found (tests/data/osm/osm_liechtenstein_autauga.osm.pbf or NOM_OSM_FILE): importing the synthetic town only"
  fi
  files+=("$NOM_DIR/data/synthetic_kr.osm")
  local stamp; stamp=$(sha256sum "${files[@]}" | sha256sum | cut -c1-16)
  if [ "$(cat "$NOM_DIR/import.stamp" 2>/dev/null)" = "$stamp" ] \
     && [ "$(PSQL -d nominatim -c "SELECT count(*) > 0 AND bool_and(indexed_status = 0) FROM placex" 2>/dev/null)" = t ]; then
    log "database up to date ($stamp)"
  else
    if serve_alive; then kill "$(cat "$PIDFILE")"; sleep 1; fi
    rm -f "$PIDFILE" "$NOM_DIR/import.stamp"
    PSQL -d postgres -c 'DROP DATABASE IF EXISTS nominatim' 2>/dev/null || true
    local args=(); for f in "${files[@]}"; do args+=(--osm-file "$f"); done
    log "nominatim import ${files[*]} (log: $NOM_DIR/import.log; about 1 min)"
    (cd "$PROJECT" && "$VENV/bin/nominatim" import "${args[@]}" --threads "$NOM_THREADS" --offline --no-partitions) \
      > "$NOM_DIR/import.log" 2>&1 || { tail -20 "$NOM_DIR/import.log" >&2; exit 1; }
    echo "$stamp" > "$NOM_DIR/import.stamp"
  fi
  log "installed in $((SECONDS - t0)) s"
}

do_start() {
  do_install
  if ! pg_running; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$SOCK/postgresql.log" -w start >/dev/null; fi
  if ! (serve_alive && api_ok); then
    if serve_alive; then kill "$(cat "$PIDFILE")"; sleep 1; fi
    log "starting nominatim serve on $BASE_URL (log: $NOM_DIR/serve.log)"
    nohup "$VENV/bin/nominatim" serve --project-dir "$PROJECT" --server "127.0.0.1:$NOM_HTTP_PORT" \
      > "$NOM_DIR/serve.log" 2>&1 < /dev/null &
    echo $! > "$PIDFILE"
    for _ in $(seq 150); do api_ok && break; sleep 0.2; done
    api_ok || { cat "$NOM_DIR/serve.log" >&2; exit 1; }
  fi
  curl -fsS -G "$BASE_URL/search" --data-urlencode 'q=가온로 34' -d format=jsonv2 | grep -q '가온시청' \
    || { echo "smoke test failed: $BASE_URL/search?q=가온로 34 did not find 가온시청" >&2; exit 1; }
  log "ready: $BASE_URL (pid $(cat "$PIDFILE")); stop with: $0 stop"
  echo "$BASE_URL"
}

case "${1:-}" in
  install) do_install; do_stop ;;
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
