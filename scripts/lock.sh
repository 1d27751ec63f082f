#!/usr/bin/env bash
# Regenerate requirements.lock from the ranges in pyproject.toml, in a throw-away venv.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -m venv "$tmp/v"
"$tmp/v/bin/pip" install -q --upgrade pip
"$tmp/v/bin/pip" install -q ".[dev]" setuptools wheel
{
  echo "# Exact pins for tifalab (Python 3.11). Ranges live in pyproject.toml; regenerate with scripts/lock.sh."
  "$tmp/v/bin/pip" freeze --all --exclude-editable | grep -viE "^(tifalab|pip)([=@ ]|$)" | sort -f
} > requirements.lock
rm -rf "$tmp"
echo "requirements.lock: $(grep -c '==' requirements.lock) pins"
