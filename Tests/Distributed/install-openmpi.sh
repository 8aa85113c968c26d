#!/usr/bin/env bash
# Installs Open MPI from Debian's packages (openmpi-bin libopenmpi-dev) when mpirun is missing.
# Exit 0 when mpirun is (now) available; 1 with the reason on stdout when it cannot be installed
# (no apt-get, no network, no permission): callers then skip the MPI checks visibly.
set -uo pipefail
command -v mpirun >/dev/null && exit 0
command -v apt-get >/dev/null || { echo "mpirun is not installed and apt-get is not available (install Open MPI to run the distributed checks)"; exit 1; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo -n"
echo "installing Open MPI (apt-get install openmpi-bin libopenmpi-dev)" >&2
if ! ($SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openmpi-bin libopenmpi-dev \
      || ($SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openmpi-bin libopenmpi-dev)) >/tmp/rlbook-apt-openmpi.log 2>&1; then
    tail -5 /tmp/rlbook-apt-openmpi.log >&2
    echo "could not install Open MPI with apt-get (no network or no permission); see /tmp/rlbook-apt-openmpi.log"
    exit 1
fi
command -v mpirun >/dev/null || { echo "apt-get installed Open MPI but mpirun is not on the PATH"; exit 1; }
