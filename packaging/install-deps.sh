#!/bin/sh
# Installs every Debian 12 package needed to build, run and test Mimecast Sentinel Console.
# Idempotent: apt-get skips what is already installed. Runs as root, or through sudo otherwise.
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

PACKAGES="
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6sql6-sqlite libqt6opengl6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-httpserver-dev qt6-websockets-dev qt6-translations-l10n
    qtkeychain-qt6-dev libsqlite3-dev zlib1g-dev libssl-dev libgl-dev libsimdjson-dev libzstd-dev pkgconf
    dbus dbus-daemon dbus-bin gnome-keyring libsecret-1-0 libsecret-tools
    fonts-dejavu-core clang-format openssl
"

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086 # the list is meant to split into words
$SUDO apt-get install -y -q --no-install-recommends $PACKAGES
