#!/usr/bin/env bash
# Idempotent set-up for a Debian 12 machine: installs only the missing Debian packages (PostgreSQL and
# HAProxy for the proxy's HA suites: their tests start their own PostgreSQL cluster and HAProxy, and
# neither uses nor minds the "main" cluster Debian's package may start on 5432), fetches the
# Dear ImGui sources from Debian's source package into third_party/ (ignored), and installs the npm
# dev dependencies from the lockfile. Run as root (or with sudo available). Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  emscripten nodejs npm
  nlohmann-json3-dev doctest-dev libcpp-httplib-dev libsqlite3-dev libssl-dev openssl zlib1g-dev
  fonts-noto-core fonts-font-awesome fonttools
  chromium clang libclang-rt-14-dev clang-format wrk hyperfine jq bc gzip
  python3 unicode-cldr-core
  postgresql libpq-dev haproxy
)

missing=()
# One dpkg-query for every package (a call each took seconds on a busy machine, at every start).
# (dpkg-query fails when any package is unknown to it, as on a fresh machine: that is not an error here.)
installed=" $({ dpkg-query -W -f='${Package}:${Status}\n' "${PACKAGES[@]}" 2>/dev/null || true; } |
  awk -F: '/install ok installed/ {printf "%s ", $1}')"
for p in "${PACKAGES[@]}"; do
  # node and npm may come from outside Debian on these machines; the commands are what matter.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  [[ $installed == *" $p "* ]] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.90.1 from Debian's source package (suite trixie). The deb-src entry reuses the
# mirror and keyring of the machine's own bookworm entry, so no host name is written here.
IMGUI_VERSION="1.90.1+ds-1"
IMGUI_DIR="third_party/imgui"
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/roster-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    keyring=$(awk '/^Signed-By:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    if [ -z "$uri" ]; then echo "setup: no Debian mirror found in debian.sources" >&2; exit 1; fi
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' \
      "$uri" "${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}" | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -q
  fi
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -q --download-only "imgui=$IMGUI_VERSION" && dpkg-source -x --no-check ./*.dsc imgui-src >/dev/null)
  rm -rf "$IMGUI_DIR" && mkdir -p third_party && mv "$tmp/imgui-src" "$IMGUI_DIR"
  rm -rf "$tmp"
  echo "setup: Dear ImGui $IMGUI_VERSION sources in $IMGUI_DIR"
fi

# npm dev dependencies (playwright-core drives Debian's chromium; no browser is downloaded).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
  fi
fi
