#!/usr/bin/env bash
# fuzz.sh [DURATION]: run every fuzz target of the module (each `func FuzzX` in a _test.go file)
# for DURATION (default 30s) each, one after the other. A failure leaves the input that broke it in
# the package's testdata/fuzz folder, as `go test -fuzz` does, and ends the script with its status.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-30s}
go=${GO:-go}
found=0
while IFS=: read -r file line; do
	name=${line#func }
	name=${name%%(*}
	pkg=./$(dirname "$file")
	found=$((found + 1))
	echo "fuzz: $name in $pkg for $duration"
	"$go" test -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" "$pkg"
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*(' . | sed 's/($//' | sort)
if [[ $found -eq 0 ]]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 1
fi
