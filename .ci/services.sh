#!/usr/bin/env bash
# Makes sure MariaDB (127.0.0.1:3306, root without password) and NATS with JetStream
# (127.0.0.1:4222) are running, installing the Debian packages when they are missing, and that
# the tools the tests start or compile with are there: OpenLDAP's slapd (the LDAP connector's
# tests start their own on a loopback port), and the toolchains the generated SDKs are compiled
# and run with (python3, javac, mono's mcs).
# Used by .ci/run and described in the README for a fresh machine.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 120); do port_open "$1" && return 0; sleep 0.5; done
  echo "service on port $1 did not come up" >&2
  return 1
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! port_open 3306; then
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1
  wait_port 3306
fi
# The tests connect over TCP as root without a password; a fresh Debian install only lets root in over the socket.
if ! mariadb -h127.0.0.1 -uroot -e 'SELECT 1' >/dev/null 2>&1; then
  mariadb -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; CREATE DATABASE IF NOT EXISTS test;"
fi

if ! port_open 4222; then
  command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || apt_install nats-server
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec "$(command -v nats-server || echo /usr/sbin/nats-server)" -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_port 4222
fi
tools=()
[ -x /usr/sbin/slapd ] && command -v ldapmodify >/dev/null && command -v openssl >/dev/null || tools+=(slapd ldap-utils openssl)
command -v python3 >/dev/null || tools+=(python3)
command -v javac >/dev/null || tools+=(openjdk-17-jdk-headless)
command -v mcs >/dev/null || tools+=(mono-mcs mono-runtime)
[ -e /usr/lib/mono/4.5/System.Net.Http.dll ] || tools+=(libmono-system-net-http4.0-cil)
# slapd's package starts a daemon on port 389 when installed; the tests start their own.
if [ ${#tools[@]} -gt 0 ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt_install "${tools[@]}"
  rm -f /usr/sbin/policy-rc.d
fi

echo "services: MariaDB on 127.0.0.1:3306, NATS on 127.0.0.1:4222; tools: slapd, python3, javac, mcs"
