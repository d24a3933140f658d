#!/usr/bin/env bash
# Installs the Debian packages onecard builds against and tests with, when missing, and starts pcscd.
# Safe to run again. Needs root (apt-get). Used by .ci/run; run it once on a new development machine.
set -euo pipefail

# postgresql-client: pg_dump, pg_restore and psql for \`onecard hub backup\` / \`restore\` on PostgreSQL.
packages=(g++ make python3 openssl libpcsclite-dev pcscd vsmartcard-vpcd libgpiod-dev gpiod mbpoll python3-pymodbus python3-serial python3-serial-asyncio socat postgresql-client chromium fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-system-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# pcscd runs without systemd here; the PC/SC tests need it (and the vpcd virtual reader it loads).
if [ ! -S /run/pcscd/pcscd.comm ]; then
  echo "install-system-deps: starting pcscd"
  mkdir -p /run/pcscd
  pcscd
  for _ in $(seq 1 50); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.1; done
fi
