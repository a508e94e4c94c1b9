#!/bin/sh
# Runs after every other test (a CTest fixture cleanup): greps everything the test suite
# logged for the secrets the tests use and for bearer tokens. Any hit fails.
set -u
build_dir="$1"
logs="$build_dir/Testing/Temporary"
found=0
scanned=0
# CTest writes LastTest.log.tmp while it runs and renames it at the end.
for f in "$logs"/LastTest*.log "$logs"/LastTest*.log.tmp "$build_dir"/test-artifacts/*.log; do
    [ -f "$f" ] || continue
    scanned=$((scanned + $(wc -c < "$f")))
    for pattern in 's3cret+with/form=chars' 's3cret%2Bwith%2Fform%3Dchars' 's3cr+t/with=form&chars' 'Bearer mc2_' 'client_secret=s3cr'; do
        if grep -F -n -- "$pattern" "$f" >/dev/null 2>&1; then
            echo "SECRET LEAK: '$pattern' in $f:"
            grep -F -n -- "$pattern" "$f" | head -5
            found=1
        fi
    done
done
if [ "$found" -ne 0 ]; then
    exit 1
fi
echo "no secret or bearer token in the test logs ($scanned bytes scanned)"
