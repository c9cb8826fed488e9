#!/usr/bin/env bash
# Installs the Debian packages the tests need: OpenLDAP (slapd) and a Samba Active Directory
# domain controller (samba-ad-dc, its schema files in samba-ad-provision, faketime to backdate a
# password, ldb-tools to inspect its database) for the directory tests, gnome-keyring, D-Bus and
# libsecret for the keychain tests (keytar builds from source against libsecret, with python3,
# make and g++, where its prebuilt binary cannot be downloaded), and tmux for the
# end-to-end terminal tests. The tests start and stop these services
# themselves, on 127.0.0.1 only; this script never starts a service.
set -euo pipefail

packages=(python3 make g++ slapd ldap-utils samba-ad-dc samba-ad-provision faketime ldb-tools
  gnome-keyring dbus libsecret-1-dev tmux openssl)

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-packages: no apt-get here; install the equivalents of: ${packages[*]}" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "install-test-packages: run as root (or install sudo) to install: ${packages[*]}" >&2
    exit 1
  fi
fi

# Packaged services must not start (and listen on every interface) during installation.
policy=/usr/sbin/policy-rc.d
added_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=1
fi
cleanup() { if [ -n "$added_policy" ]; then "${sudo[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${packages[@]}" >/dev/null
echo "install-test-packages: ${packages[*]} installed"
