#include "aws/clock.h"

#include <QRandomGenerator>

namespace aws {

SystemClock *SystemClock::instance()
{
    static SystemClock clock;
    return &clock;
}

RandomSource systemRandom()
{
    return [] { return QRandomGenerator::global()->generateDouble(); };
}

} // namespace aws
