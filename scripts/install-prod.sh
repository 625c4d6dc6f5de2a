#!/usr/bin/env bash
# Production install (make install-prod): a venv under ZHAOSHANG_HOME with the app and its runtime
# dependencies only (no test tools, no demo), the Debian packages the app needs (pango and CJK fonts for
# PDF briefings, gettext), migrations, reference data, collected static files, gunicorn's config, an
# environment file and systemd units rendered with these paths. Safe to run again for an upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."

HOME_DIR=${ZHAOSHANG_HOME:-/opt/zhaoshang}
VAR_DIR=${ZHAOSHANG_VAR:-/var/lib/zhaoshang}
RUN_USER=${PROD_USER:-zhaoshang}
PYTHON=${PYTHON:-python3}
APT_RUNTIME="libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk gettext"

missing=""
for p in $APT_RUNTIME; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

test -f src/zhaoshang/static/vendor/echarts/echarts.min.js || { echo "run make assets first" >&2; exit 1; }
po=src/zhaoshang/locale/zh_Hans/LC_MESSAGES/django.po
msgfmt --check -o "${po%.po}.mo" "$po"  # the catalogue ships compiled in the package

mkdir -p "$HOME_DIR/bin" "$HOME_DIR/systemd"
install -d -m 0750 "$VAR_DIR"
[ -x "$HOME_DIR/venv/bin/python" ] || "$PYTHON" -m venv "$HOME_DIR/venv"
"$HOME_DIR/venv/bin/pip" install --quiet --upgrade pip
constraints=()
[ -f requirements.lock ] && constraints=(-c requirements.lock)
"$HOME_DIR/venv/bin/pip" install --quiet "${constraints[@]}" .
install -m 0644 deploy/gunicorn.conf.py "$HOME_DIR/gunicorn.conf.py"

env_file="$HOME_DIR/zhaoshang.env"
if [ ! -f "$env_file" ]; then  # written once: later runs keep the bureau's own settings
  (umask 077; cat > "$env_file" <<ENV
# zhaoshang production settings (every variable: .env.example in the source).
ZHAOSHANG_PRODUCTION=1
ZHAOSHANG_HOME=$HOME_DIR
ZHAOSHANG_VAR=$VAR_DIR
DEBUG=false
ALLOWED_HOSTS=${PROD_HOSTS:-127.0.0.1,localhost}
ZHAOSHANG_PROXY_COUNT=1
# DATABASE_URL=postgres://zhaoshang@127.0.0.1:5432/zhaoshang   (default: SQLite in ZHAOSHANG_VAR)
ENV
  )
fi

cat > "$HOME_DIR/bin/zhaoshang" <<SH
#!/bin/sh
# The zhaoshang command with the production settings of $env_file.
set -a; . "$env_file"; set +a
exec "$HOME_DIR/venv/bin/zhaoshang" "\$@"
SH
chmod 0755 "$HOME_DIR/bin/zhaoshang"

for unit in deploy/systemd/*; do
  sed -e "s|@PREFIX@|$HOME_DIR|g" -e "s|@VAR@|$VAR_DIR|g" -e "s|@USER@|$RUN_USER|g" -e "s|@GROUP@|$RUN_USER|g" \
    "$unit" > "$HOME_DIR/systemd/$(basename "$unit")"
done

"$HOME_DIR/bin/zhaoshang" migrate --noinput
"$HOME_DIR/bin/zhaoshang" load_reference
"$HOME_DIR/bin/zhaoshang" collectstatic --noinput --verbosity 0
echo "已安装到 $HOME_DIR（数据目录 $VAR_DIR）。首次安装请运行：$HOME_DIR/bin/zhaoshang createadmin --username 用户名 --region 区划代码"
