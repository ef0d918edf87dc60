#!/usr/bin/env bash
# Installs what the browser tests (tests/http/test_browser_*.py) need, when it is missing:
#   - Debian's Chromium, /usr/bin/chromium (apt-get, as root): the only browser they use;
#   - playwright-core, axe-core and @axe-core/playwright (the accessibility checks) from
#     tests/browser/package-lock.json into tests/browser/node_modules (npm ci; playwright-core
#     downloads no browser, and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD makes sure).
# Safe to run again; does nothing when everything is there.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf '\033[1m== %s\033[0m\n' "$*"; }
die() { printf 'tests/browser/install.sh: %s\n' "$*" >&2; exit 1; }

apt_install() { # packages...
  [ "$(id -u)" = 0 ] || die "run as root to install $* (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$@" || { apt-get update -q && apt-get install -y -q --no-install-recommends "$@"; }
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "installing Node.js and npm (Debian packages)"
  apt_install nodejs npm
fi

major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || die "playwright-core needs Node.js 20 or newer; this machine has $(node --version)"

if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's Chromium"
  apt_install chromium
fi

if [ ! -f "$HERE/node_modules/playwright-core/package.json" ] ||
   [ ! -f "$HERE/node_modules/@axe-core/playwright/package.json" ] ||
   [ ! -f "$HERE/node_modules/axe-core/axe.min.js" ] ||
   [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  say "installing playwright-core and axe-core into tests/browser/node_modules"
  (cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
