#!/usr/bin/env bash
# Fails when a C++ file is not clang-formatted, and when a core folder uses Widgets.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(git ls-files '*.cpp' '*.h' | xargs -r clang-format --dry-run -Werror 2>&1 | grep -c 'error:' || true)
if [ "$bad" != 0 ]; then
  git ls-files '*.cpp' '*.h' | xargs -r clang-format --dry-run -Werror
  echo "clang-format: $bad places need formatting (run clang-format -i on them)" >&2
  exit 1
fi
# Folders that must stay free of Widgets. One that does not exist (yet) is no error: grep's
# status is then 2 even when another folder matches, so the check reads grep's output.
core=(shared server/storage server/admission server/realtime server/http server/api server/net
      server/events client/core)
widgets=$(grep -rlE 'QtWidgets|<QWidget|Qt6::Widgets' "${core[@]}" 2>/dev/null || true)
if [ -n "$widgets" ]; then
  echo "$widgets"
  echo "Widgets used outside the UI layers" >&2
  exit 1
fi
