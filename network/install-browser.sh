#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the web console's browser tests (docs/testing.md), when
# either is missing; as root, or through password-less sudo. Package lists are fetched only when the first attempt
# fails (fresh containers have none).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo -n); fi
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y)
echo "install-browser: installing Debian's chromium and chromium-driver for the browser tests" >&2
"${apt[@]}" install chromium chromium-driver >/dev/null \
  || { "${apt[@]}" update >/dev/null && "${apt[@]}" install chromium chromium-driver >/dev/null; }
