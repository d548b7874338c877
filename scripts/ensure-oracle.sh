#!/usr/bin/env bash
# Creates (once) the virtualenv holding the pinned Python oracles the tests compare against:
# the real Chaos Toolkit, its jsonpath2 dependency and PyYAML. Idempotent: a stamp records the
# requirements it was built from.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${CHAOS_ACTION_ORACLE_VENV:-.venv}"
req=scripts/oracle-requirements.txt
stamp="$venv/.oracle-stamp"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$req" "$stamp"; then
  exit 0
fi
echo "preparing the Python oracle virtualenv in $venv ..." >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
cp "$req" "$stamp"
