#!/bin/sh
# Run "$@" against a throwaway gnome-keyring; start this under dbus-run-session.
# The temporary HOME keeps the test login.keyring out of any real home directory.
set -eu
HOME=$(mktemp -d); XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
export HOME XDG_RUNTIME_DIR
eval "$(printf '%s' ci-only-password | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
rc=0; "$@" || rc=$?
rm -rf "$HOME" "$XDG_RUNTIME_DIR"
exit "$rc"
