#!/usr/bin/env bash
# Installs the Debian packages the tests need (Chromium for browser tests, poppler for
# reading PDFs, pango and fonts for WeasyPrint, LibreOffice Writer to check that Word files
# convert, gettext for the translations) when any is missing and we are root.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || needed+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || needed+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v soffice >/dev/null 2>&1 || needed+=(libreoffice-writer-nogui)
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${needed[*]}. Install them (as root: apt-get install ${needed[*]})." >&2
  exit 1
fi
echo "Installing system packages: ${needed[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
