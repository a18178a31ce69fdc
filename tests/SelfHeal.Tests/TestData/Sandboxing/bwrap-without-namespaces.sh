#!/bin/sh
# Stands in for bubblewrap on a machine that forbids user namespaces: fails exactly as bwrap does there.
echo "bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2
exit 1
