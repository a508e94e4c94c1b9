#!/bin/sh
# Fails when a C++ file is not formatted with the project's .clang-format (clang-format 14,
# Debian 12). Checks every tracked C++ file, which includes every changed one.
set -eu
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format is not installed (packaging/install-deps.sh installs it)"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' '*.h.in')
else
    files=$(find app core ui tests -name '*.cpp' -o -name '*.h')
fi
bad=""
for f in $files; do
    [ -f "$f" ] || continue
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        bad="$bad $f"
    fi
done
if [ -n "$bad" ]; then
    echo "Not formatted (run: clang-format -i <file>):"
    for f in $bad; do echo "  $f"; done
    exit 1
fi
echo "clang-format: all files formatted"
