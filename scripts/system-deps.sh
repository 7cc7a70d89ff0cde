#!/usr/bin/env bash
# Installs the Debian packages the application and its tests need, when they are missing:
# Noto fonts for PDFs in every script, Chromium for browser tests, poppler for PDF checks,
# gettext for catalogue checks, the PostgreSQL client for backups, ICU for PyICU,
# Java and Node.js for the tests' HTML and calendar checkers, nginx for the deployment kit's test.
# `system-deps.sh --production` installs only what the application needs to run (fonts, Pango,
# ICU and g++ to build PyICU, the PostgreSQL client): deploy/Dockerfile runs it so.
set -euo pipefail

production=false
[ "${1:-}" = "--production" ] && production=true
missing=()
have_font() { fc-list ":family=$1" family 2>/dev/null | grep -q .; }
command -v fc-list >/dev/null || missing+=(fontconfig)
have_font "Noto Sans CJK KR" || missing+=(fonts-noto-cjk)
{ have_font "Noto Sans Thai" && have_font "Noto Sans Khmer" && have_font "Noto Sans Lao" \
  && have_font "Noto Naskh Arabic"; } || missing+=(fonts-noto-core)
command -v pg_dump >/dev/null || missing+=(postgresql-client)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# PyICU (word segmentation of Khmer and Lao in PDFs) is built against the system's ICU.
{ command -v pkg-config >/dev/null && pkg-config --exists icu-i18n; } || missing+=(libicu-dev pkg-config)
command -v g++ >/dev/null || missing+=(g++)
new_nginx=false
if ! $production; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v msgfmt >/dev/null || missing+=(gettext)
  command -v wrk >/dev/null || missing+=(wrk)
  # The tests' independent checkers: the Nu HTML Checker (vnu.jar) runs on Java; ical.js and
  # npm (which installs both from tests/tools/package-lock.json) on Node.js.
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  # tests/test_deployment_kit.py runs deploy/nginx.conf in front of gunicorn on ports of its own.
  [ -x /usr/sbin/nginx ] || { missing+=(nginx-light); new_nginx=true; }
  # … and checks deploy/systemd/ with `systemd-analyze verify`.
  command -v systemd-analyze >/dev/null || missing+=(systemd)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "Cannot install ${missing[*]} without root. Run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fc-cache -f >/dev/null 2>&1 || true
# Only the nginx program is wanted here: the web server Debian starts on port 80 is stopped.
if $new_nginx && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now nginx.service >/dev/null 2>&1 || true
elif $new_nginx; then
  $SUDO service nginx stop >/dev/null 2>&1 || true
fi
