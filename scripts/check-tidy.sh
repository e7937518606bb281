#!/usr/bin/env bash
# Runs clang-tidy (the checked-in .clang-tidy) over the project's C++ sources, with the
# compile_commands.json of a configured and built tree (build/, or $ROOMGATE_BUILD_DIR), and
# fails on any warning or error in a project file (generated moc and ui files are not), and
# on any source clang-tidy cannot read.
# Usage: scripts/check-tidy.sh [--all | FILE...]
#   no argument: slice k of $ROOMGATE_TIDY_SLICES (default 12) plus the sources the last
#                commit changed (a header brings its own .cpp). Slice of a file: a stable
#                hash (cksum) of its path mod N; k: the number of commits in HEAD mod N, so
#                every N commits cover every source (in a shallow clone, which cannot count
#                them, k comes from HEAD's hash). What CI runs: about 2 minutes on 2 cores.
#   --all:       every source of shared/, server/ and client/: about 18 s of CPU a file,
#                some 17 minutes on 2 idle cores.
#   FILE...:     those sources.
# Two files are checked at a time (one per core, at most two).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${ROOMGATE_BUILD_DIR:-build}
slices=${ROOMGATE_TIDY_SLICES:-12}
if [ ! -f "$build/compile_commands.json" ]; then
  echo "check-tidy: no $build/compile_commands.json: build first (scripts/build.sh)" >&2
  exit 1
fi

# The folders .clang-tidy's HeaderFilterRegex names. Its regex is relative, and clang-tidy
# matches it against absolute paths, so it is given again here with the root in front.
folders=(shared server client)
header_filter="^$root/(shared|server|client)/"
mapfile -t all < <(git ls-files "${folders[@]/%//*.cpp}")

files=()
case "${1:-}" in
  --all) files=("${all[@]}") ;;
  "")
    if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
      k=$(( 0x$(git rev-parse --short=8 HEAD) % slices ))
    else
      k=$(( $(git rev-list --count HEAD) % slices ))
    fi
    for f in "${all[@]}"; do
      [ $(( $(printf '%s' "$f" | cksum | cut -d' ' -f1) % slices )) -eq "$k" ] && files+=("$f")
    done
    sliced=${#files[@]}
    # The sources of the last commit (a header brings its own .cpp), when still there.
    if git rev-parse -q --verify HEAD^ >/dev/null; then
      while IFS= read -r f; do
        case "$f" in *.h) f=${f%.h}.cpp ;; esac
        [[ " ${all[*]} " == *" $f "* && " ${files[*]} " != *" $f "* ]] && files+=("$f")
      done < <(git diff --name-only HEAD^ HEAD -- "${folders[@]}")
    fi
    echo "check-tidy: slice $k of $slices ($sliced files) and $(( ${#files[@]} - sliced ))" \
         "changed by the last commit"
    ;;
  *) files=("$@") ;;
esac
[ ${#files[@]} -eq 0 ] && { echo "check-tidy: nothing to check"; exit 0; }

jobs=$(nproc)
[ "$jobs" -gt 2 ] && jobs=2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$SECONDS
# One output file per source, so that parallel runs do not interleave. clang-tidy's status
# is not used: it is 0 with findings, and not 0 when a source does not compile, which the
# "Error while processing" line below says too.
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} sh -c \
  'clang-tidy -p "$1" --quiet --header-filter="$2" "$3" >"$4/$(echo "$3" | tr / _).log" 2>&1 || true' \
  _ "$build" "$header_filter" {} "$out"

# Findings in project files only, each once (a header is seen by every source that includes
# it); and the sources clang-tidy could not read, which would otherwise pass unchecked.
findings=$(cat "$out"/*.log | grep -E "^$root/(shared|server|client)/[^:]+:[0-9]+:[0-9]+: (warning|error):" \
             | sed "s|^$root/||" | sort -u || true)
unread=$(cat "$out"/*.log | grep -E '^Error while processing' | sed "s|$root/||" || true)
echo "check-tidy: ${#files[@]} files in $(( SECONDS - start )) s"
if [ -n "$findings" ] || [ -n "$unread" ]; then
  cat "$out"/*.log | grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' \
    | grep -vE '^Suppressed [0-9]+ warnings|^Use -header-filter' >&2 || true
  if [ -n "$findings" ]; then
    echo "check-tidy: $(printf '%s\n' "$findings" | wc -l) findings:" >&2
    printf '%s\n' "$findings" >&2
  fi
  [ -z "$unread" ] || printf 'check-tidy: %s\n' "$unread" >&2
  exit 1
fi
echo "check-tidy: no findings"
