#!/usr/bin/env bash
# Installs a release build on a Debian host: binary, site files, Leptos.toml, systemd unit, env file.
# Run from the repository after `cargo leptos build --release`:  sudo deploy/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-$HOME/.cache/traffino/target}"
id traffino >/dev/null 2>&1 || useradd --system --home /var/lib/traffino --shell /usr/sbin/nologin traffino
install -d -o traffino -g traffino -m 0750 /var/lib/traffino
install -d /opt/traffino /etc/traffino
install -m 0755 "$TARGET/release/traffino" /opt/traffino/traffino
rm -rf /opt/traffino/site && cp -r target/site /opt/traffino/site
install -m 0644 Leptos.toml /opt/traffino/Leptos.toml
if [[ ! -f /etc/traffino/traffino.env ]]; then
  sed -e 's|^TRAFFINO_DATA_DIR=.*|TRAFFINO_DATA_DIR=/var/lib/traffino|' -e 's|^TRAFFINO_ENV=.*|TRAFFINO_ENV=prod|' \
    deploy/.env.example > /etc/traffino/traffino.env
  chmod 0640 /etc/traffino/traffino.env; chgrp traffino /etc/traffino/traffino.env
  echo "edit /etc/traffino/traffino.env (TRAFFINO_PUBLIC_URL, DATABASE_URL), then: systemctl enable --now traffino"
fi
install -m 0644 deploy/traffino.service /etc/systemd/system/traffino.service
systemctl daemon-reload
