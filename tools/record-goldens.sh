#!/usr/bin/env bash
# Re-records Corpus/**/*.expected.json from the current parser. The run that records
# fails on purpose (so a recording never passes unnoticed): review `git diff Corpus/`
# line by line like code, then run `swift test` again.
set -u
cd "$(dirname "$0")/.."
VANBAN_RECORD_GOLDENS=1 swift test --filter GoldenTests.matchesGolden || true
git --no-pager diff --stat -- Corpus/
