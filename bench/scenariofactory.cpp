// SPDX-License-Identifier: MIT
#include "bench/scenariofactory.h"

#include "bench/enterscenario.h"
#include "bench/fanoutscenario.h"
#include "bench/idlescenario.h"
#include "bench/mixedscenario.h"
#include "bench/reservescenario.h"
#include "bench/stormscenario.h"

namespace roomgate::bench {

std::unique_ptr<Scenario> makeScenario(const BenchOptions &options)
{
    const QString &s = options.scenario;
    if (s == QLatin1String("reserve"))
        return std::make_unique<ReserveScenario>(options);
    if (s == QLatin1String("enter"))
        return std::make_unique<EnterScenario>(options);
    if (s == QLatin1String("storm"))
        return std::make_unique<StormScenario>(options);
    if (s == QLatin1String("fanout"))
        return std::make_unique<FanoutScenario>(options);
    if (s == QLatin1String("idle"))
        return std::make_unique<IdleScenario>(options);
    return std::make_unique<MixedScenario>(options);
}

} // namespace roomgate::bench
