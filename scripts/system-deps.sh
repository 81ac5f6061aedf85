#!/usr/bin/env bash
# Install the Debian packages zhengwu needs, only those missing.
#   scripts/system-deps.sh run    what the running application needs: CJK fonts and Pango for the
#                                 PDF/DOCX of issued documents, gettext to compile the English translation
#   scripts/system-deps.sh        the above plus what the tests need: chromium, PostgreSQL 15
set -euo pipefail
mode=${1:-test}
need=()
command -v msgfmt >/dev/null || need+=(gettext)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0)        # WeasyPrint (PDF rendering)
dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || need+=(libpangoft2-1.0-0)
if [ "$mode" != run ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
((${#need[@]})) || exit 0
echo "Installing Debian packages: ${need[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ "$mode" = run ]; then
  # Serving the demo does not depend on these: say what is missing and go on.
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
         $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
    echo "Could not install ${need[*]}: documents' PDFs need fonts-noto-cjk and Pango, the English" >&2
    echo "interface needs gettext.  Install them (apt-get install ${need[*]}) and run make run again." >&2
  fi
  exit 0
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
