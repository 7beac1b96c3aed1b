#include "sessions/sessioninside.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace {
// Calculations are listed one page, the newest 100, on every poll: what a person follows is recent
// work, and a session of thousands of calculations must not cost thousands of rows a poll.
constexpr int kCalculationPage = 100;
// DPU-hours are fetched for the newest rows only, and never more than a few requests at a time.
constexpr int kStatisticsRows = 50;
constexpr qsizetype kStatisticsInFlight = 4;
} // namespace

SessionInside::SessionInside(const aws::Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock), m_calculations(clock), m_executors(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SessionInside::poll);
    m_context = new QObject(this);
}

SessionInside::~SessionInside() = default;

void SessionInside::setClient(AthenaClient *client)
{
    m_client = client;
    setSession({}, std::nullopt);
}

void SessionInside::setSession(const QString &sessionId, std::optional<SessionState> state)
{
    if (sessionId == m_sessionId) {
        const bool changed = state != m_state;
        m_state = state;
        if (changed && m_inFlight == 0) // a new state may poll sooner (or stop for good)
            schedule();
        return;
    }
    // Whatever was in flight for the old session is dropped with its context.
    delete m_context;
    m_context = new QObject(this);
    m_timer.stop();
    m_sessionId = sessionId;
    m_state = state;
    m_inFlight = 0;
    m_pollSoon = false;
    m_errors = 0;
    m_pollError.reset();
    m_endedFetched = false;
    m_selected.clear();
    m_selectedDetails.reset();
    m_selectedCode.clear();
    m_selectedInFlight = false;
    m_calculations.clear();
    m_executors.clear();
    m_history.clear();
    m_statisticsInFlight.clear();
    m_finalStatistics.clear();
    if (!m_sessionId.isEmpty() && m_watched)
        poll();
}

void SessionInside::setWatched(Parts parts)
{
    const Parts added = parts & ~m_watched;
    m_watched = parts;
    if (!parts) {
        m_timer.stop();
        return;
    }
    if (added) { // a part newly on screen is fetched now, or as soon as the poll in flight ends
        if (m_inFlight == 0)
            poll();
        else
            m_pollSoon = true;
    }
}

void SessionInside::pause()
{
    m_paused = true;
    m_timer.stop();
}

void SessionInside::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (m_inFlight == 0)
        poll();
}

bool SessionInside::canChange() const
{
    if (!m_state || !isFinal(*m_state))
        return true;
    // Only what is watched is current: a part off screen keeps what it last saw.
    return ((m_watched & Calculations) && m_calculations.anyUnfinished())
           || ((m_watched & Executors) && m_executors.liveCount() > 0);
}

int SessionInside::nextDelayMs(int errors) const
{
    if (m_state && isFinal(*m_state) && m_endedFetched && !canChange())
        return -1;
    if (errors > 0) {
        const qint64 backoff = static_cast<qint64>(m_intervals.activeMs) << std::min(errors, 16);
        return static_cast<int>(std::min<qint64>(backoff, m_intervals.maxBackoffMs));
    }
    const bool active = m_calculations.anyUnfinished() || !m_state || isTransitional(*m_state)
                        || *m_state == SessionState::Busy || (m_state && isFinal(*m_state));
    return active ? m_intervals.activeMs : m_intervals.steadyMs;
}

void SessionInside::schedule()
{
    m_timer.stop();
    if (m_paused || !m_watched || m_sessionId.isEmpty() || !m_client)
        return;
    const int delay = nextDelayMs(m_errors);
    if (delay >= 0)
        m_timer.start(delay);
}

void SessionInside::poll()
{
    m_timer.stop();
    if (m_paused || !m_watched || m_sessionId.isEmpty() || !m_client || m_inFlight > 0)
        return;
    if (m_state && isFinal(*m_state))
        m_endedFetched = true;
    m_pollError.reset();
    QObject *context = m_context;
    if (m_watched & Calculations) {
        ++m_inFlight;
        m_client->listCalculations(ListCalculationsRequest{m_sessionId, std::nullopt, kCalculationPage, {}}, context,
                                   [this](const aws::Result<ListCalculationsPage> &r) {
                                       if (r.ok()) {
                                           m_calculations.setCalculations(r->calculations);
                                           Q_EMIT calculationsRefreshed();
                                           fetchStatistics();
                                       }
                                       pollDone(r.ok(), r.ok() ? aws::AwsError() : r.error());
                                   });
        if (!m_selected.isEmpty() && (!m_selectedDetails || !m_selectedDetails->status.isFinal() || m_selectedCode.isNull()))
            fetchSelected();
    }
    if (m_watched & Executors) {
        ++m_inFlight;
        m_client->listAllExecutors(ListExecutorsRequest{m_sessionId, std::nullopt, std::nullopt, {}}, context,
                                   [this](const aws::Result<QList<ExecutorSummary>> &r) {
                                       if (r.ok()) {
                                           m_executors.setExecutors(*r);
                                           m_history.add(m_clock->nowUtc(), m_executors.dpusInUse());
                                           Q_EMIT executorsRefreshed();
                                       }
                                       pollDone(r.ok(), r.ok() ? aws::AwsError() : r.error());
                                   });
    }
}

void SessionInside::pollDone(bool ok, const aws::AwsError &error)
{
    if (!ok && !m_pollError)
        m_pollError = error;
    if (--m_inFlight > 0)
        return;
    if (m_pollError) {
        ++m_errors;
        Q_EMIT pollFailed(*m_pollError, m_errors);
    } else {
        m_errors = 0;
    }
    m_calculations.tick();
    if (m_pollSoon) {
        m_pollSoon = false;
        poll();
        return;
    }
    schedule();
}

void SessionInside::fetchStatistics()
{
    if (!m_client)
        return;
    // The listing has no statistics: each row's DPU-hours comes from its GetCalculationExecution,
    // asked for the newest rows only, a few at a time, again while a row runs, once after it ended.
    const int rows = std::min(m_calculations.rowCount(), kStatisticsRows);
    for (int row = 0; row < rows && m_statisticsInFlight.size() < kStatisticsInFlight; ++row) {
        const QString id = m_calculations.idAt(row);
        const CalculationSummary *summary = m_calculations.find(id);
        if (id == m_selected || m_statisticsInFlight.contains(id) || m_finalStatistics.contains(id))
            continue;
        const bool final = summary->status.isFinal();
        if (!final && m_calculations.statistics(id) && !m_calculations.statistics(id)->dpuExecutionInMillis)
            continue; // not started yet: nothing to count
        m_statisticsInFlight.insert(id);
        m_client->getCalculation(id, m_context, [this, id](const aws::Result<CalculationExecution> &r) {
            m_statisticsInFlight.remove(id);
            if (!r.ok())
                return;
            if (r->status.isFinal())
                m_finalStatistics.insert(id);
            m_calculations.update(*r);
        });
    }
}

void SessionInside::selectCalculation(const QString &calculationId)
{
    if (calculationId == m_selected)
        return;
    m_selected = calculationId;
    m_selectedDetails.reset();
    m_selectedCode = QString(); // null: not fetched yet
    m_selectedInFlight = false;
    Q_EMIT selectedChanged();
    if (!calculationId.isEmpty())
        fetchSelected();
}

void SessionInside::fetchSelected()
{
    if (!m_client || m_selected.isEmpty() || m_selectedInFlight)
        return;
    m_selectedInFlight = true;
    const QString id = m_selected;
    auto pending = std::make_shared<int>(m_selectedCode.isNull() ? 2 : 1);
    auto finished = [this, id, pending] {
        if (--*pending == 0 && id == m_selected)
            m_selectedInFlight = false;
    };
    m_client->getCalculation(id, m_context, [this, id, finished](const aws::Result<CalculationExecution> &r) {
        finished();
        if (id != m_selected || !r.ok())
            return;
        m_selectedDetails = *r;
        m_calculations.update(*r);
        Q_EMIT selectedChanged();
    });
    if (m_selectedCode.isNull()) {
        m_client->getCalculationCode(id, m_context, [this, id, finished](const aws::Result<QString> &r) {
            finished();
            if (id != m_selected || !r.ok())
                return;
            m_selectedCode = r->isNull() ? u""_s : *r;
            Q_EMIT selectedChanged();
        });
    }
}

QString SessionInside::whyCannotRun() const
{
    if (m_sessionId.isEmpty())
        return tr("Select a session first.");
    if (!m_client)
        return tr("Not connected.");
    if (!m_state)
        return {};
    switch (*m_state) {
    case SessionState::Idle:
    case SessionState::Busy:
    case SessionState::Unknown: return {};
    case SessionState::Creating:
    case SessionState::Created: return tr("The session is starting; code can run once it is IDLE.");
    default: return tr("The session has ended (%1): start a new one to run code.").arg(stateName(*m_state));
    }
}

void SessionInside::runCode(const QString &code, const QString &description)
{
    if (!m_client) {
        Q_EMIT submitFailed(aws::AwsError::make(aws::AwsError::Kind::Validation, u"NotConnected"_s, tr("Not connected.")));
        return;
    }
    const QString sessionId = m_sessionId;
    StartCalculationRequest request{sessionId, description, code, false, {}};
    // Answered on `this`, not the session's context: a submit is always answered, even when another
    // session was selected meanwhile (the calculation then runs in the one it was sent to).
    m_client->startCalculation(request, this, [this, sessionId, description](const aws::Result<StartCalculationResult> &r) {
        if (!r.ok()) {
            Q_EMIT submitFailed(r.error());
            return;
        }
        if (sessionId != m_sessionId) {
            Q_EMIT submitted(r->calculationExecutionId);
            return;
        }
        CalculationExecution started;
        started.calculationExecutionId = r->calculationExecutionId;
        started.sessionId = sessionId;
        started.description = description;
        started.status.state = r->state ? r->state : std::optional(CalculationState::Creating);
        started.status.stateText = r->stateText;
        started.status.submissionDateTime = m_clock->nowUtc();
        m_calculations.update(started);
        Q_EMIT submitted(r->calculationExecutionId);
        Q_EMIT workSubmitted();
        selectCalculation(r->calculationExecutionId);
        m_errors = 0;
        if (m_inFlight == 0)
            m_timer.start(std::min(m_intervals.activeMs, 500)); // the new calculation moves soon
    });
}

void SessionInside::stopCalculation(const QString &calculationId)
{
    if (!m_client)
        return;
    m_client->stopCalculation(calculationId, this, [this, calculationId](const aws::Result<StopCalculationResult> &r) {
        if (!r.ok()) {
            Q_EMIT stopFailed(calculationId, r.error());
            return;
        }
        Q_EMIT stopDone(calculationId, r->state ? (*r->state == CalculationState::Unknown ? r->stateText
                                                                                          : calculationStateName(*r->state))
                                                : QString());
        if (calculationId == m_selected)
            fetchSelected();
        if (m_inFlight == 0)
            m_timer.start(std::min(m_intervals.activeMs, 500));
    });
}

void SessionInside::fetchEndpoint()
{
    if (!m_client || m_sessionId.isEmpty())
        return;
    m_client->getSessionEndpoint(m_sessionId, m_context, [this](const aws::Result<SessionEndpoint> &r) {
        if (r.ok())
            Q_EMIT endpointReady(*r);
        else
            Q_EMIT endpointFailed(r.error());
    });
}
