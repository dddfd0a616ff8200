#!/usr/bin/env bash
# Runs every wrapper on the fixtures in fixtures/ (all of which are valid) and fails if any
# wrapper cannot run or rejects them: a quick check that the clients are installed and work.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
fail=0
check() { local name="$1"; shift; if "$@" >/dev/null 2>/tmp/selftest.$$; then echo "ok   $name"; else echo "FAIL $name (exit $?)"; cat /tmp/selftest.$$; fail=1; fi; }
check "citation.mjs ris"    node citation.mjs ris fixtures/sample.ris
check "citation.mjs bibtex" node citation.mjs bibtex fixtures/sample.bib
check "feed.py atom"        ./feed.py fixtures/sample.atom
check "feed.py --suggest"   ./feed.py --suggest fixtures/sample-suggest.json
check "redocly.sh"          ./redocly.sh fixtures/sample-openapi.yaml
check "promtool.sh"         ./promtool.sh fixtures/sample.metrics
# Non-Latin text must survive both citation parsers.
for mode in ris bibtex; do
  f=fixtures/sample.$([ $mode = ris ] && echo ris || echo bib)
  node citation.mjs $mode "$f" | node -e '
    const o = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const want = ["Σχέδιο για το εργατικό δυναμικό – 2023", "Долгосрочный план по кадрам", "国民保健服务人力计划", "장기 인력 계획: “환자 안전” – 검토"];
    const got = o.items.map((i) => i.title);
    if (JSON.stringify(got) !== JSON.stringify(want) || o.warnings.length) { console.error(got, o.warnings); process.exit(1); }' \
    && echo "ok   $mode keeps Greek/Russian/Chinese/Korean titles" || { echo "FAIL $mode titles"; fail=1; }
done
rm -f /tmp/selftest.$$
exit $fail
