#!/usr/bin/env bash
# The issue's acceptance with the real binaries, as an operator and a wallet run them: swtpm,
# `nightjar-server --tee tpm` on it (NIGHTJAR_TPM_TCTI), and `nightjar attest verify --url`,
# whose exit code and stderr are checked: accepted with --allow-unpinned-ak, refused without it,
# refused for a reused nonce (409), accepted with the server's own executable pinned as
# EXECUTABLE and refused with another. Exits 77 (CTest: skipped) when swtpm is not installed.
#
#   attest_cli_swtpm.sh NIGHTJAR_SERVER NIGHTJAR
set -euo pipefail
server=$1
cli=$2
if ! command -v swtpm >/dev/null; then
  echo "swtpm is not installed (Debian packages swtpm, swtpm-tools): skipped"
  exit 77
fi
dir=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$dir/swtpm.pid" ] && kill "$(cat "$dir/swtpm.pid")" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

# Two consecutive free ports: the swtpm TCTI finds the control channel at port + 1.
port=$(python3 -c '
import socket
while True:
    a = socket.socket(); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", p + 1)); print(p); break
    except OSError:
        pass
    finally:
        a.close(); b.close()')
mkdir "$dir/state"
swtpm socket --tpm2 --tpmstate dir="$dir/state" --flags not-need-init,startup-clear \
  --server type=tcp,bindaddr=127.0.0.1,port="$port" \
  --ctrl type=tcp,bindaddr=127.0.0.1,port=$((port + 1)) --daemon --pid file="$dir/swtpm.pid"

NIGHTJAR_TPM_TCTI="swtpm:host=127.0.0.1,port=$port" "$server" --no-fetch-params --offline \
  --tls-self-signed --tee tpm --port 0 --bind 127.0.0.1 2>"$dir/server.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q '"listening"' "$dir/server.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.1
done
url=$(grep -o 'https://127.0.0.1:[0-9]*' "$dir/server.log" | head -1)
[ -n "$url" ] || { cat "$dir/server.log"; exit 1; }
grep '"attestation"' "$dir/server.log"

fail() { echo "attest_cli: FAILED: $*" >&2; cat "$dir/err" >&2; exit 1; }
# verify EXPECTED_EXIT ARGS...: runs nightjar attest verify, stderr kept in $dir/err.
verify() {
  local want=$1 rc=0
  shift
  "$cli" attest verify --url "$url" "$@" >"$dir/out" 2>"$dir/err" || rc=$?
  [ "$rc" -eq "$want" ] || fail "exit $rc, expected $want: $*"
}

echo '{"allowed_platforms": ["tpm"]}' >"$dir/tpm.json"
verify 0 --policy "$dir/tpm.json" --allow-unpinned-ak
grep -E 'round trip|accepted|note' "$dir/err"

verify 1 --policy "$dir/tpm.json"
grep -q 'ak_trust' "$dir/err" || fail "no ak_trust reason"

verify 1 --allow-unpinned-ak
grep -q 'platform: tpm is not allowed' "$dir/err" || fail "the default policy took a plain TPM"

nonce=$(python3 -c 'import os; print(os.urandom(32).hex())')
verify 0 --policy "$dir/tpm.json" --allow-unpinned-ak --nonce "$nonce"
verify 1 --policy "$dir/tpm.json" --allow-unpinned-ak --nonce "$nonce"
grep -q '409' "$dir/err" || fail "reused nonce not refused with 409"

executable=$(sha256sum "$server" | cut -d' ' -f1)
printf '{"allowed_platforms": ["tpm"], "measurements": {"EXECUTABLE": "%s"}}' "$executable" \
  >"$dir/pinned.json"
verify 0 --policy "$dir/pinned.json" --allow-unpinned-ak
printf '{"allowed_platforms": ["tpm"], "measurements": {"EXECUTABLE": "%s"}}' "$(printf '%064d' 0)" \
  >"$dir/other.json"
verify 1 --policy "$dir/other.json" --allow-unpinned-ak
grep -q 'measurement EXECUTABLE' "$dir/err" || fail "another executable was not refused"
echo "attest_cli: ok"
