#!/usr/bin/env bash
# Render deploy/nginx/portal.conf from the environment (the variables its header lists).
#   sudo PORTAL_SERVER_NAME=moc.gov.vn PORTAL_TLS_CERT=/etc/letsencrypt/live/moc.gov.vn/fullchain.pem \
#        PORTAL_TLS_KEY=/etc/letsencrypt/live/moc.gov.vn/privkey.pem deploy/nginx/render.sh
#   sudo ln -s /etc/nginx/sites-available/portal.conf /etc/nginx/sites-enabled/ && sudo nginx -t
# Writes OUT (default /etc/nginx/sites-available/portal.conf) and $PORTAL_CONF_DIR/portal_proxy.conf.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/etc/nginx/sites-available/portal.conf}

: "${PORTAL_SERVER_NAME:?set PORTAL_SERVER_NAME (the host names of the site)}"
: "${PORTAL_TLS_CERT:?set PORTAL_TLS_CERT (certificate chain file)}"
: "${PORTAL_TLS_KEY:?set PORTAL_TLS_KEY (private key file)}"
export PORTAL_UPSTREAM=${PORTAL_UPSTREAM:-127.0.0.1:8000}
export PORTAL_HTTP_PORT=${PORTAL_HTTP_PORT:-80}
export PORTAL_HTTPS_PORT=${PORTAL_HTTPS_PORT:-443}
export PORTAL_STATIC_ROOT=${PORTAL_STATIC_ROOT:-/srv/portal/staticfiles}
export PORTAL_MEDIA_ROOT=${PORTAL_MEDIA_ROOT:-/srv/portal/media}
export PORTAL_CONF_DIR=${PORTAL_CONF_DIR:-/etc/nginx/snippets}
export PORTAL_LOG_DIR=${PORTAL_LOG_DIR:-/var/log/nginx}
export PORTAL_BODY_MAX_MB=$(( ${UPLOAD_MAX_MB:-20} + 1 ))
if [ "$PORTAL_HTTPS_PORT" = 443 ]; then
  export PORTAL_HTTPS_REDIRECT_PORT=""
else
  export PORTAL_HTTPS_REDIRECT_PORT=":$PORTAL_HTTPS_PORT"
fi

# Only our names: nginx's own $host, $uri... stay in the output.
names=$(grep -o '\${PORTAL_[A-Z_]*}' "$here/portal.conf" | sort -u | tr '\n' ' ')
mkdir -p "$(dirname "$out")" "$PORTAL_CONF_DIR"
envsubst "$names" < "$here/portal.conf" > "$out"
cp "$here/portal_proxy.conf" "$PORTAL_CONF_DIR/portal_proxy.conf"
echo "$out"
