#!/usr/bin/env bash
# Fails when a folder includes one it may not: dependencies point one way, from the apps
# down to shared/ (docs/architecture.md). Each line: a folder and the folders it may use.
set -euo pipefail
cd "$(dirname "$0")/.."
allowed=(
  "shared:"
  "server/storage:shared"
  "server/events:shared"
  "server/net:shared"
  "server/http:shared server/net"
  "server/admission:shared server/storage server/events"
  "server/realtime:shared server/events server/admission server/net"
  "server/api:shared server/storage server/events server/admission server/http server/net"
  "server/dashboard:shared server/storage server/events server/admission"
  "server/app:shared server/storage server/events server/admission server/net server/http server/api server/realtime server/dashboard"
  "client/core:shared"
  "client/ui:shared client/core"
  "client/app:shared client/core client/ui"
  "bench:shared server/net"
)
status=0
for entry in "${allowed[@]}"; do
  folder=${entry%%:*}
  may=" $folder ${entry#*:} "
  [ -d "$folder" ] || continue
  used=$( (grep -rhoE '#include "(shared|server/[a-z]+|client/[a-z]+|bench)/' "$folder" || true) \
           | sed -E 's/#include "//; s/\/$//' | sort -u)
  for dep in $used; do
    case "$may" in
      *" $dep "*) ;;
      *) echo "$folder includes $dep, which it may not (see docs/architecture.md)" >&2; status=1 ;;
    esac
  done
done
# The gateway translates; it never touches storage itself.
if grep -rn '#include "server/storage/' server/realtime >&2; then
  echo "server/realtime includes a storage header" >&2
  status=1
fi
exit $status
