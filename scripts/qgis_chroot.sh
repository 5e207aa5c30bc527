#!/usr/bin/env bash
# qgis_chroot.sh - the second leg of WealthMap's QGIS version matrix: the same test suite on QGIS 3.44
# (Debian 13 "trixie" + trixie-backports, Python 3.13, GDAL 3.10) in a debootstrap chroot.
#
#   scripts/qgis_chroot.sh build            build the chroot once (needs root); later calls reuse it
#   scripts/qgis_chroot.sh test [ARGS...]   run `python -m pytest ARGS` on this checkout inside it
#   scripts/qgis_chroot.sh shell            a root shell in it, this checkout mounted on /srv/wealthmap-<pid>
#   scripts/qgis_chroot.sh run CMD...       run CMD in it, in this checkout (the venv is /opt/wealthmap-venv)
#   scripts/qgis_chroot.sh info             where it is, what it holds
#
# The chroot lives OUTSIDE the clone, under $WEALTHMAP_CACHE (default /var/cache/wealthmap), in a folder
# named after a hash of what it contains (suite, package list, pinned pip requirements): a fresh clone
# reuses it, a change of the package list or of requirements/*.txt builds a new one (older ones are
# removed). It is built in a temporary folder and renamed when complete, so an interrupted build is
# never reused. Build time is printed and saved in <chroot>/.wealthmap-build.json.
#
# The Debian mirror is read from the host's apt configuration (`apt-get indextargets`), never written
# here; set WEALTHMAP_DEBIAN_MIRROR to override. pip inside the chroot uses the host's pip
# configuration (/etc/pip.conf, ~/.config/pip/pip.conf), copied in at build time.
#
# Package names are detected in trixie's own index, never hard-coded versions (e.g. no
# "postgresql-NN"): only names without a version are listed below.
#
# This checkout is bind-mounted on /srv/wealthmap-<pid> (its own mount point per run: two clones can test at
# once in the one chroot), with /proc, /sys, /dev, /dev/pts, /dev/shm and a fresh /tmp of its own (a folder
# of the host's /tmp, removed after: the cached chroot stays clean); every mount is undone in an EXIT trap. The chroot shares the host's network, so the tests inside reach the
# host's local Nominatim on 127.0.0.1 (the Makefile starts it on the host before this leg).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${WEALTHMAP_CACHE:-/var/cache/wealthmap}
SUITE=trixie
BACKPORTS=trixie-backports
# from trixie-backports (QGIS 3.44 LTR); the rest from trixie
BACKPORT_PACKAGES="qgis python3-qgis qgis-providers"
PACKAGES="python3-gdal python3-numpy python3-venv python3-pip python3-icu xvfb xauth x11-utils zip unzip \
sqlite3 fonts-nanum ca-certificates curl locales"
VENV=/opt/wealthmap-venv   # inside the chroot

log() { printf '[qgis_chroot %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

key() {  # what the chroot holds: change any of it and a new chroot is built
  { echo "$SUITE $BACKPORTS"; echo "$BACKPORT_PACKAGES"; echo "$PACKAGES"; echo "venv $VENV";
    cat "$REPO"/requirements/dev.txt "$REPO"/requirements/runtime.txt; } | sha1sum | cut -c1-12
}
ROOTFS=$CACHE/qgis344-$(key)

mirror() {
  if [ -n "${WEALTHMAP_DEBIAN_MIRROR:-}" ]; then echo "$WEALTHMAP_DEBIAN_MIRROR"; return; fi
  local host_suite site
  host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  site=$(apt-get indextargets --format '$(SITE) $(RELEASE)' 'Created-By: Packages' 2>/dev/null \
         | awk -v s="$host_suite" '$2 == s && $1 ~ /\/debian\/?$/ {print $1; exit}')
  [ -n "$site" ] || site=$(apt-get indextargets --format '$(SITE)' 'Created-By: Packages' 2>/dev/null \
         | grep -E '/debian/?$' | head -1)
  [ -n "$site" ] || die "no Debian mirror found in the host's apt configuration (set WEALTHMAP_DEBIAN_MIRROR)"
  echo "${site%/}"
}

MOUNTS=()
umount_all() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTS[$i]}" 2>/dev/null || umount -l "${MOUNTS[$i]}" 2>/dev/null || true
  done
  MOUNTS=()
}
bind() {  # bind SRC DEST_IN_CHROOT [ro]
  local dest=$1/$3
  mkdir -p "$dest"
  mount --bind "$2" "$dest"
  MOUNTS+=("$dest")
}
mount_system() {  # mount_system ROOT
  bind "$1" /proc proc
  bind "$1" /sys sys
  bind "$1" /dev dev
  bind "$1" /dev/pts dev/pts
  bind "$1" /dev/shm dev/shm
}
in_root() {  # in_root ROOT CMD...
  local root=$1; shift
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      DEBIAN_FRONTEND=noninteractive chroot "$root" "$@"
}

do_build() {
  if [ -f "$ROOTFS/.wealthmap-ready" ]; then log "chroot ready: $ROOTFS"; return 0; fi
  [ "$(id -u)" = 0 ] || die "building the QGIS 3.44 chroot needs root (run \`make setup\` as root)"
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y -q debootstrap >/dev/null; }
  local t0 tmp mir
  t0=$(date +%s)
  mir=$(mirror)
  mkdir -p "$CACHE"
  tmp=$ROOTFS.tmp
  trap umount_all EXIT
  # stages leave a stamp when complete: an interrupted build resumes after the last complete stage
  if [ -d "$tmp" ] && [ ! -f "$tmp/.stage-debootstrap" ]; then
    log "removing an unfinished debootstrap: $tmp"; rm -rf --one-file-system "$tmp"
  fi
  if [ ! -f "$tmp/.stage-debootstrap" ]; then
    log "debootstrap $SUITE into $tmp (once; about a minute)"
    debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$tmp" "$mir" >"$CACHE/debootstrap.log" 2>&1 \
      || { tail -20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
    touch "$tmp/.stage-debootstrap"
  fi
  local t1; t1=$(date +%s)
  printf 'deb %s %s main\ndeb %s %s main\n' "$mir" "$SUITE" "$mir" "$BACKPORTS" > "$tmp/etc/apt/sources.list"
  # the host's apt settings that matter for a mirror snapshot (valid-until), none of its sources
  for f in /etc/apt/apt.conf.d/99*; do [ -f "$f" ] && cp "$f" "$tmp/etc/apt/apt.conf.d/"; done
  cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  # the host's pip configuration and the certificate authorities it trusts beyond Debian's
  for f in /etc/pip.conf; do [ -f "$f" ] && cp "$f" "$tmp$f"; done
  if [ -f /root/.config/pip/pip.conf ]; then mkdir -p "$tmp/root/.config/pip"; cp /root/.config/pip/pip.conf "$tmp/root/.config/pip/"; fi
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$tmp/usr/local/share/ca-certificates"; cp /usr/local/share/ca-certificates/*.crt "$tmp/usr/local/share/ca-certificates/"
  fi
  printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"; chmod +x "$tmp/usr/sbin/policy-rc.d"
  mount_system "$tmp"
  if [ ! -f "$tmp/.stage-apt" ]; then
    log "apt: QGIS from $BACKPORTS, the rest from $SUITE"
    in_root "$tmp" apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    in_root "$tmp" apt-get install -y -q --no-install-recommends $PACKAGES >"$CACHE/apt.log" 2>&1 \
      || { tail -20 "$CACHE/apt.log" >&2; die "apt-get install failed (log: $CACHE/apt.log)"; }
    # shellcheck disable=SC2086
    in_root "$tmp" apt-get install -y -q --no-install-recommends -t "$BACKPORTS" $BACKPORT_PACKAGES >>"$CACHE/apt.log" 2>&1 \
      || { tail -20 "$CACHE/apt.log" >&2; die "apt-get install from $BACKPORTS failed (log: $CACHE/apt.log)"; }
    in_root "$tmp" apt-get clean
    touch "$tmp/.stage-apt"
  fi
  in_root "$tmp" update-ca-certificates >/dev/null 2>&1 || true
  # local wheel folders and indexes the host's pip configuration names (an index's files sit beside its
  # simple/ folder), bound during the install only
  local d
  for d in $(grep -hoE '(file://)?/[^ ]+' /etc/pip.conf /root/.config/pip/pip.conf 2>/dev/null | sed 's#^file://##' \
             | sed 's#/simple/*$##' | grep -v '^/etc/' | sort -u); do
    if [ -d "$d" ]; then bind "$tmp" "$d" "${d#/}"; fi
  done
  local t2; t2=$(date +%s)
  log "venv $VENV with the pinned pip requirements"
  mkdir -p "$tmp/wealthmap-req"
  cp "$REPO"/requirements/*.txt "$tmp/wealthmap-req/"
  in_root "$tmp" /usr/bin/python3 -m venv --system-site-packages "$VENV"
  in_root "$tmp" /bin/sh -c "/usr/bin/python3 -c 'import numpy; print(\"numpy==\" + numpy.__version__)' > $VENV/constraints.txt"
  in_root "$tmp" "$VENV/bin/pip" install -q --disable-pip-version-check -c "$VENV/constraints.txt" \
      -r /wealthmap-req/runtime.txt -r /wealthmap-req/dev.txt >"$CACHE/pip.log" 2>&1 \
    || { tail -20 "$CACHE/pip.log" >&2; die "pip install failed (log: $CACHE/pip.log)"; }
  rm -rf "$tmp/wealthmap-req"
  umount_all
  trap - EXIT
  local t3; t3=$(date +%s)
  versions=$(in_root "$tmp" "$VENV/bin/python" -c "
import sys, numpy, sklearn, onnxruntime
from osgeo import gdal
from qgis.core import Qgis
print('QGIS %s | Python %s | numpy %s | GDAL %s | scikit-learn %s | onnxruntime %s' % (Qgis.version(),
      sys.version.split()[0], numpy.__version__, gdal.__version__, sklearn.__version__, onnxruntime.__version__))" 2>/dev/null)
  printf '{"debootstrap_s": %d, "apt_s": %d, "pip_s": %d, "total_s": %d, "versions": "%s"}\n' \
    $((t1 - t0)) $((t2 - t1)) $((t3 - t2)) $((t3 - t0)) "$versions" > "$tmp/.wealthmap-build.json"
  touch "$tmp/.wealthmap-ready"
  mv "$tmp" "$ROOTFS"
  local old
  for old in "$CACHE"/qgis344-*; do
    [ "$old" = "$ROOTFS" ] || [ ! -d "$old" ] || { log "removing an older chroot: $old"; rm -rf --one-file-system "$old"; }
  done
  log "chroot built in $((t3 - t0)) s (debootstrap $((t1 - t0)) s, apt $((t2 - t1)) s, pip $((t3 - t2)) s): $ROOTFS"
  log "$versions"
}

TMPDIR_RUN=
cleanup_run() {
  umount_all
  if [ -n "$TMPDIR_RUN" ]; then rm -rf --one-file-system "$TMPDIR_RUN"; fi
  if [ -n "${MNT:-}" ]; then rmdir "$ROOTFS$MNT" 2>/dev/null || true; fi
}

do_enter() {  # do_enter CMD... : run CMD in the chroot, in this checkout (mounted on $MNT)
  [ -f "$ROOTFS/.wealthmap-ready" ] || die "no QGIS 3.44 chroot for this package list yet: run \`make setup\` (as root) or \`$0 build\`"
  [ "$(id -u)" = 0 ] || die "entering the chroot needs root"
  MNT=/srv/wealthmap-$$
  trap cleanup_run EXIT
  mount_system "$ROOTFS"
  TMPDIR_RUN=$(mktemp -d "${TMPDIR:-/tmp}/wealthmap-chroot-tmp.XXXXXX")
  chmod 1777 "$TMPDIR_RUN"
  bind "$ROOTFS" "$TMPDIR_RUN" tmp
  bind "$ROOTFS" "$REPO" "${MNT#/}"
  local rc=0
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" WEALTHMAP_SKIP_NOMINATIM="${WEALTHMAP_SKIP_NOMINATIM:-}" \
      NOM_HTTP_PORT="${NOM_HTTP_PORT:-8089}" WEALTHMAP_QGIS_LEG=3.44 \
      chroot "$ROOTFS" /bin/sh -c 'cd "$0" && exec "$@"' "$MNT" "$@" || rc=$?
  cleanup_run
  trap - EXIT
  return $rc
}

case "${1:-}" in
  build) do_build ;;
  test) shift; t0=$(date +%s); rc=0
        [ -f "$ROOTFS/.wealthmap-build.json" ] && log "QGIS 3.44 leg: $(sed -n 's/.*"versions": "\(.*\)".*/\1/p' "$ROOTFS/.wealthmap-build.json")"
        # the optional distributed engine (requirements/distributed.txt; its tests skip without it): pinned,
        # numpy kept by the constraints; installed into the chroot's venv once
        do_enter /bin/sh -c "$VENV/bin/python -c 'import distributed' 2>/dev/null || $VENV/bin/pip install -q \
            --disable-pip-version-check -c $VENV/constraints.txt -r requirements/distributed.txt" \
          || { log "could not install requirements/distributed.txt"; exit 1; }
        # the in-QGIS installer's test installs from wheels for this Python (3.13): .whl/<abi>/ of the clone
        do_enter "$VENV/bin/python" scripts/download_wheels.py || { log "could not download the installer's test wheels"; exit 1; }
        do_enter "$VENV/bin/python" -m pytest "$@" || rc=$?
        log "QGIS 3.44 leg: pytest exit $rc in $(( $(date +%s) - t0 )) s"; exit $rc ;;
  shell) do_enter /bin/bash ;;
  run) shift; do_enter "$@" ;;
  info) echo "chroot: $ROOTFS"; if [ -f "$ROOTFS/.wealthmap-build.json" ]; then cat "$ROOTFS/.wealthmap-build.json"; else echo "(not built)"; fi ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
