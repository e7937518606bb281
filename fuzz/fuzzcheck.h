// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <cstdlib>

namespace roomgate::fuzz {

/** Aborts with @p what when @p condition is false: libFuzzer keeps the input as a crash. */
inline void check(bool condition, const char *what)
{
    if (condition)
        return;
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

} // namespace roomgate::fuzz
