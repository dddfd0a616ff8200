#!/usr/bin/env bash
# Checks a Prometheus text exposition (what /metrics serves) with Prometheus' own promtool.
#
#   promtool.sh FILE          (FILE may be - for standard input)
#
# Runs `promtool check metrics < FILE` and exits with promtool's own status (promtool 2.42):
#   0  no complaint
#   1  the text does not parse ("error while linting: text format parsing error in line N: ...")
#   3  it parses but breaks the naming/lint rules (counter without _total, no HELP text,
#      abbreviated or non-base units such as _ms, ...), one line per problem: "NAME problem"
# promtool writes its complaints to stderr; this wrapper puts them on stdout, unchanged.
# Exit 2 when promtool is missing (apt-get install prometheus) or FILE cannot be read.
set -uo pipefail
if [ $# -ne 1 ]; then echo "usage: promtool.sh FILE" >&2; exit 2; fi
promtool="$(command -v promtool || true)"
[ -n "$promtool" ] || { echo "promtool.sh: promtool not found (apt-get install prometheus)" >&2; exit 2; }
if [ "$1" = "-" ]; then
  "$promtool" check metrics 2>&1
else
  [ -r "$1" ] || { echo "promtool.sh: cannot read $1" >&2; exit 2; }
  "$promtool" check metrics < "$1" 2>&1
fi
