#!/usr/bin/env bash
# Subsets the bundled fonts to what the app shows, keeping every name record, the hinting
# and the default layout features, so rendering stays identical (the screenshot goldens
# check it). The fonts live in the binary: smaller files, a smaller binary and fewer pages in memory.
# Usage: assets/fonts/subset.sh DIR-WITH-THE-FULL-FONTS   (needs `pip install fonttools`)
set -euo pipefail
src="$1"
out="$(dirname "$0")"
# Latin (English, French and the rest of Latin Extended), punctuation, currency, arrows.
TEXT="U+0000-024F,U+02B0-02FF,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+2215,U+25CF,U+FEFF,U+FFFD"
# The monospace face only draws user codes (A-Z, digits, dash) and the countdown.
CODE="U+0020-007E,U+00A0,U+2013,U+2014,U+2026,U+2212"
keep=(--name-IDs='*' --name-languages='*')
for font in Inter-Regular.otf Inter-SemiBold.otf; do
    pyftsubset "$src/$font" --unicodes="$TEXT" "${keep[@]}" --output-file="$out/$font"
done
pyftsubset "$src/JetBrainsMono-Bold.ttf" --unicodes="$CODE" "${keep[@]}" \
    --output-file="$out/JetBrainsMono-Bold.ttf"
