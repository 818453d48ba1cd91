#!/usr/bin/env bash
# Brings a machine to the point where `pnpm start` and `pnpm test` work: pnpm, the Redis and
# PostgreSQL servers (Debian packages; nothing else may download binaries), node_modules and
# the Prisma client. Idempotent and fast when all is present: it runs before every start/test.
set -euo pipefail

PNPM_VERSION=10.34.9
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "setup: $*"; }

# apt-get needs root; developers who are not root go through sudo.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Missing files hash as empty rather than failing: the stamp then simply differs.
hash_of() { { cat "$@" 2>/dev/null || true; } | sha256sum | cut -d' ' -f1; }

# 1. pnpm 10 (corepack's signature check fails here, so npm installs it).
if ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  say "installing pnpm@$PNPM_VERSION"
  npm install -g --silent "pnpm@$PNPM_VERSION"
fi

# 2. Servers. Their packages may start a system instance on the default port; ours use their own.
if ! command -v redis-server >/dev/null && [ ! -x /usr/bin/redis-server ]; then
  apt_install redis-server
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  apt_install postgresql
fi
# The web application's browser tests drive Debian's chromium (playwright-core downloads nothing).
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# 3. Dependencies, skipped while the lockfile, workspace config and node version are unchanged.
install_hash="$(hash_of pnpm-lock.yaml pnpm-workspace.yaml) $(node --version)"
install_stamp=node_modules/.setup-stamp
if [ "$(cat "$install_stamp" 2>/dev/null)" != "$install_hash" ]; then
  say "pnpm install"
  pnpm install --frozen-lockfile --config.confirmModulesPurge=false --reporter=silent
  echo "$install_hash" >"$install_stamp"
fi

# 4. Prisma client, regenerated when the db package's schema or config changes.
db=packages/db
if [ -f "$db/package.json" ] && node -e "process.exit(require('./$db/package.json').scripts?.generate ? 0 : 1)"; then
  generate_hash="$(hash_of "$db/package.json" "$db/prisma.config.ts" "$db"/prisma/*.prisma "$install_stamp")"
  generate_stamp=node_modules/.setup-generate-stamp
  if [ "$(cat "$generate_stamp" 2>/dev/null)" != "$generate_hash" ] || [ ! -d "$db/src/generated" ]; then
    say "pnpm --filter @ppda/db generate"
    pnpm --filter @ppda/db generate >/dev/null
    echo "$generate_hash" >"$generate_stamp"
  fi
fi

say "ready"
