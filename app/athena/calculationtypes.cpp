#include "athena/calculationtypes.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace athena {

namespace {

template <typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return u"UNKNOWN"_s;
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &text)
{
    for (const auto &[e, name] : table) {
        if (text == QLatin1StringView(name))
            return e;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
QList<E> valuesOf(const std::array<std::pair<E, const char *>, N> &table)
{
    QList<E> out;
    for (const auto &entry : table)
        out << entry.first;
    return out;
}

template <typename E>
QString labelOf(const std::optional<E> &value, const QString &text, QString (*name)(E))
{
    if (!value)
        return {};
    return *value == E::Unknown ? text : name(*value);
}

constexpr std::array<std::pair<CalculationState, const char *>, 8> kCalculationStates{{
    {CalculationState::Creating, "CREATING"},
    {CalculationState::Created, "CREATED"},
    {CalculationState::Queued, "QUEUED"},
    {CalculationState::Running, "RUNNING"},
    {CalculationState::Canceling, "CANCELING"},
    {CalculationState::Canceled, "CANCELED"},
    {CalculationState::Completed, "COMPLETED"},
    {CalculationState::Failed, "FAILED"},
}};

constexpr std::array<std::pair<ExecutorState, const char *>, 6> kExecutorStates{{
    {ExecutorState::Creating, "CREATING"},
    {ExecutorState::Created, "CREATED"},
    {ExecutorState::Registered, "REGISTERED"},
    {ExecutorState::Terminating, "TERMINATING"},
    {ExecutorState::Terminated, "TERMINATED"},
    {ExecutorState::Failed, "FAILED"},
}};

constexpr std::array<std::pair<ExecutorType, const char *>, 3> kExecutorTypes{{
    {ExecutorType::Coordinator, "COORDINATOR"},
    {ExecutorType::Gateway, "GATEWAY"},
    {ExecutorType::Worker, "WORKER"},
}};

} // namespace

QString calculationStateName(CalculationState state) { return nameOf(kCalculationStates, state); }
std::optional<CalculationState> calculationStateFromString(const QString &text) { return valueOf(kCalculationStates, text); }
QList<CalculationState> allCalculationStates() { return valuesOf(kCalculationStates); }

bool isFinal(CalculationState state)
{
    return state == CalculationState::Completed || state == CalculationState::Failed || state == CalculationState::Canceled;
}

QString executorStateName(ExecutorState state) { return nameOf(kExecutorStates, state); }
std::optional<ExecutorState> executorStateFromString(const QString &text) { return valueOf(kExecutorStates, text); }
QList<ExecutorState> allExecutorStates() { return valuesOf(kExecutorStates); }

bool isFinal(ExecutorState state)
{
    return state == ExecutorState::Terminated || state == ExecutorState::Failed;
}

QString executorTypeName(ExecutorType type) { return nameOf(kExecutorTypes, type); }
std::optional<ExecutorType> executorTypeFromString(const QString &text) { return valueOf(kExecutorTypes, text); }

QString CalculationStatus::stateLabel() const { return labelOf(state, stateText, &calculationStateName); }
QString ExecutorSummary::stateLabel() const { return labelOf(state, stateText, &executorStateName); }
QString ExecutorSummary::typeLabel() const { return labelOf(type, typeText, &executorTypeName); }

} // namespace athena
