#!/bin/sh
# The browser test of precis serve's page, as CTest runs it:
#   tests/browser/run.sh PRECIS_BINARY SOURCE_DIR OUT_DIR
# It needs node, chromium (PRECIS_CHROMIUM, default /usr/bin/chromium) and
# playwright-core installed beside it (cd tests/browser && npm ci). When one
# is missing it says so and skips, unless PRECIS_BROWSER_TEST=required (as in
# CI), which turns the skip into a failure.
here=$(dirname "$0")
skip() {
  if [ "${PRECIS_BROWSER_TEST:-}" = required ]; then
    echo "browser test: $1, and PRECIS_BROWSER_TEST=required" >&2
    exit 1
  fi
  echo "skipped: $1"
  exit 0
}
command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm)"
chromium=${PRECIS_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "no chromium at $chromium (apt-get install chromium)"
[ -f "$here/node_modules/playwright-core/package.json" ] ||
  skip "playwright-core is not installed (cd tests/browser && npm ci)"
PRECIS_CHROMIUM=$chromium exec node "$here/serve_page.mjs" "$@"
