#!/usr/bin/env bash
# Rebuilds planwatch/static/govuk/ from the pinned GOV.UK Frontend release.
# Compiled without the GDS Transport font and without the crown: both are for
# services on GOV.UK domains only, and an OPCC's service is not one.
# Needs node and npm (registry access); the output is committed, so running the
# service never needs them.
set -euo pipefail
GOVUK_FRONTEND_VERSION=6.6.0
SASS_VERSION=1.108.2
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/planwatch/static/govuk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "govuk-frontend@$GOVUK_FRONTEND_VERSION" >/dev/null
tar xzf "govuk-frontend-$GOVUK_FRONTEND_VERSION.tgz"
npm install --silent --no-save --no-package-lock "sass@$SASS_VERSION" >/dev/null
cat > planwatch.scss <<'SCSS'
@use "package/dist/govuk/index" as * with (
  $govuk-font-family: (system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "/static/govuk/assets/"
);
SCSS
node_modules/.bin/sass --style=compressed --no-source-map --quiet-deps \
  --silence-deprecation=import planwatch.scss govuk-frontend.min.css
rm -rf "$out"
mkdir -p "$out"
cp govuk-frontend.min.css "$out/"
cp package/dist/govuk/govuk-frontend.min.js "$out/"
cp package/README.md "$out/README-govuk-frontend.md" 2>/dev/null || true
echo "$GOVUK_FRONTEND_VERSION" > "$out/VERSION"
echo "GOV.UK Frontend $GOVUK_FRONTEND_VERSION built into $out"
