#!/usr/bin/env bash
# screenshot.sh renders the editor on a sample design in headless Chromium
# (the e2e TestScreenshot browser test) and saves it as docs/editor.png,
# the picture README.md shows. Run it after visible changes to the editor.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHLAB_SCREENSHOT="$PWD/docs/editor.png" go test ./e2e -run '^TestScreenshot$' -count=1
echo "wrote docs/editor.png"
