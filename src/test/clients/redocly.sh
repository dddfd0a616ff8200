#!/usr/bin/env bash
# Lints an OpenAPI document with the locally installed Redocly CLI and its built-in "recommended"
# ruleset (redocly.yaml beside this script: `extends: [recommended]`, nothing else changed).
#
#   redocly.sh OPENAPI_FILE
#
# stdout: Redocly's own `lint --format=json` report ({"totals", "version", "problems": [{"ruleId",
#         "severity", "message", "location", ...}]}) with one key added by this wrapper:
#         "summary": {"ruleset", "errors", "warnings", "byRule": {"<ruleId>": {"error": n, "warn": n}}}
# stderr: one line per problem (severity, rule id, JSON pointer, message), then counts by rule id.
# exit:   0 no errors (warnings allowed), 1 one or more errors, 2 Redocly did not produce a report
#         (missing file, node_modules not installed: run `npm ci` here, Redocly crashed).
#
# Offline and quiet: only node_modules/.bin/redocly is run (never npx, so nothing is downloaded),
# REDOCLY_TELEMETRY=off and telemetry: off in redocly.yaml, the update check and notices are
# suppressed, proxies point at a closed local port, and when the kernel allows it (root, or user
# namespaces) the lint runs in a network namespace of its own (unshare -n) with no network at all:
# a remote $ref then fails as no-unresolved-refs instead of being fetched. It runs in an empty
# temporary directory so that no other redocly.yaml is picked up.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ $# -ne 1 ]; then echo "usage: redocly.sh OPENAPI_FILE" >&2; exit 2; fi
file="$1"
[ -r "$file" ] || { echo "redocly.sh: cannot read $file" >&2; exit 2; }
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
cli="$here/node_modules/.bin/redocly"
[ -x "$cli" ] || { echo "redocly.sh: $cli missing: run 'npm ci' in $here" >&2; exit 2; }
command -v node >/dev/null || { echo "redocly.sh: node is not on PATH" >&2; exit 2; }

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true
export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9
unset NO_PROXY no_proxy
export NO_COLOR=1 FORCE_COLOR=0

netns=()
if command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then netns=(unshare -n); fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && "${netns[@]}" "$cli" lint --config "$here/redocly.yaml" --format=json --max-problems=100000 "$file") \
  >"$work/report.json" 2>"$work/stderr.txt"
status=$?

node - "$work/report.json" "$work/stderr.txt" "$status" <<'EOF'
const fs = require('fs');
const [reportPath, stderrPath, status] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  if (!report || !report.totals || !Array.isArray(report.problems)) throw new Error('no totals/problems');
} catch (e) {
  // Show what Redocly said, minus its boxed Node.js 20 deprecation banner.
  const err = fs.readFileSync(stderrPath, 'utf8').split('\n').filter((l) => !/[║╔╚]/.test(l)).join('\n');
  process.stderr.write(`redocly.sh: Redocly produced no JSON report (exit ${status}): ${e.message}\n${err}\n`);
  process.exit(2);
}
const byRule = {};
for (const p of report.problems) {
  const r = (byRule[p.ruleId] ||= { error: 0, warn: 0 });
  r[p.severity === 'error' ? 'error' : 'warn']++;
  const loc = (p.location && p.location[0]) || {};
  const where = loc.pointer ? ` ${loc.pointer}` + (loc.start ? ` (line ${loc.start.line})` : '') : '';
  process.stderr.write(`${p.severity.padEnd(5)} ${p.ruleId}${where}: ${p.message}\n`);
}
const sorted = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b)));
report.summary = { ruleset: 'recommended', errors: report.totals.errors, warnings: report.totals.warnings, byRule: sorted };
for (const [id, c] of Object.entries(sorted)) process.stderr.write(`  ${id}: ${c.error} error(s), ${c.warn} warning(s)\n`);
process.stderr.write(`redocly ${report.version}, recommended ruleset: ${report.totals.errors} error(s), ${report.totals.warnings} warning(s)\n`);
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.exitCode = report.totals.errors > 0 ? 1 : 0;
EOF
