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
if grep -rlE 'QtWidgets|<QWidget|Qt6::Widgets' shared server/storage server/admission server/realtime server/http 2>/dev/null; then
  echo "Widgets used outside the UI layers" >&2
  exit 1
fi
