#!/usr/bin/env bash
# screenshot.sh renders the screens a reviewer looks at in headless Chromium
# (the e2e TestScreenshot browser test) and saves them in docs/: the editor
# (docs/editor.png, the picture README.md shows), a template at Fit, an old
# version's page, a rule's page, the home page at 390 px, and a review
# (docs/review.png). Run it after
# visible changes, and look at the pictures before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHLAB_SCREENSHOTS="$PWD/docs" go test ./e2e -run '^(TestScreenshot|TestReviewScreenshot)$' -count=1
# pngquant (256 colours) keeps the pictures a third of their size with no
# visible loss for flat UI; without it they stay full colour.
if command -v pngquant >/dev/null; then
	pngquant --force --skip-if-larger --strip --ext .png 256 docs/editor.png docs/template-fit.png docs/version.png docs/rule.png docs/home-390.png docs/review.png || true
fi
ls -l docs/*.png
