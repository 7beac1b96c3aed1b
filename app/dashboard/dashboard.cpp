#include "dashboard/dashboard.h"

#include "aws/ssodevicesignin.h"
#include "local/localendpoint.h"
#include "sessions/sessionexport.h"
#include "sessions/startsessionform.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using athena::SessionState;

namespace {
// Pages reach the table at most this often while a listing runs: with 100,000 rows a repaint of
// the table costs tens of ms, so one a page (every few ms) kept the event loop busy.
constexpr int kMergeIntervalMs = 100;
} // namespace

Dashboard::Dashboard(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
    , m_model(m_options.clock)
    , m_poller(m_options.clock)
    , m_history(m_options.clock)
{
    m_proxy.setSourceModel(&m_model);
    // Each workgroup's listing as one chain per state, all at once: the pass costs its longest chain.
    m_loader.setChainPerState(true);
    m_loader.attach(&m_model);
    m_loader.setMergeInterval(kMergeIntervalMs);
    m_poller.attach(&m_model);
    m_poller.setIntervals(m_options.pollIntervals);
    m_model.setDpuHourPrice(dpuHourPrice());
    if (auto opened = m_history.open(m_options.historyPath); !opened.ok())
        qWarning("State history is unavailable: %s", qPrintable(opened.error().message));

    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] {
        // A new scope or connection: the old rows' lazy fetches are of no use any more.
        m_poller.unwatchAll(SessionPoller::InView);
        m_inView.clear();
    });
    connect(&m_model, &SessionTableModel::sessionStateChanged, &m_history, &StateHistory::record);
    connect(&m_model, &SessionTableModel::sessionStateChanged, this, &Dashboard::onStateChanged);
    connect(&m_loader, &SessionListLoader::passStarted, this, [this] { Q_EMIT loadingStarted(); });
    connect(&m_loader, &SessionListLoader::progress, this,
            [this](quint64, int pages, int sessions) { Q_EMIT loadingProgress(pages, sessions); });
    connect(&m_loader, &SessionListLoader::passFinished, this,
            [this](quint64, bool complete) { Q_EMIT loadingFinished(complete, m_model.rowCount()); });
    connect(&m_loader, &SessionListLoader::errorOccurred, this, [this](quint64, const aws::AwsError &error) {
        Q_EMIT errorOccurred(error, Activity::ListingSessions, tr("Listing sessions"));
    });
    connect(&m_poller, &SessionPoller::detailsUpdated, this, [this](const athena::SessionDetails &d) {
        m_updated.insert(d.sessionId, m_options.clock->nowUtc());
        if (d.sessionId == m_selected)
            Q_EMIT selectedDetailsChanged(d);
    });
    connect(&m_poller, &SessionPoller::pollFailed, this, [this](const QString &id, const aws::AwsError &error, int errors) {
        if (id == m_selected && errors == 1)
            Q_EMIT errorOccurred(error, Activity::RefreshingSession, tr("Refreshing session %1").arg(id));
    });
    // The live "Idle for" column.
    connect(&m_tick, &QTimer::timeout, &m_model, &SessionTableModel::tick);
    m_tick.start(1000);
}

Dashboard::~Dashboard()
{
    m_loader.cancel();
    m_poller.setClient(nullptr);
    if (auto flushed = m_history.flush(); !flushed.ok())
        qWarning("State history: %s", qPrintable(flushed.error().message));
}

QStringList Dashboard::awsProfiles() const
{
    std::optional<aws::AwsError> problem;
    return aws::AwsConfigFiles::readableProfileNames(m_options.env, &problem);
}

std::optional<aws::AwsError> Dashboard::configProblem() const
{
    std::optional<aws::AwsError> problem;
    (void)aws::AwsConfigFiles::readableProfileNames(m_options.env, &problem);
    return problem;
}

bool Dashboard::awsCredentialsAvailable() const
{
    if (!m_options.env.value(u"AWS_ACCESS_KEY_ID"_s).isEmpty() && !m_options.env.value(u"AWS_SECRET_ACCESS_KEY"_s).isEmpty())
        return true;
    auto files = aws::AwsConfigFiles::load(m_options.env);
    if (!files.ok())
        return false;
    const QStringList profiles = files->profileNames();
    for (const QString &p : profiles) {
        for (const QString &key : {u"aws_access_key_id"_s, u"credential_process"_s, u"sso_session"_s, u"sso_start_url"_s, u"role_arn"_s}) {
            if (!files->profileValue(p, key).isEmpty())
                return true;
        }
    }
    return false;
}

bool Dashboard::profileUsesSso(const QString &profile) const
{
    auto files = aws::AwsConfigFiles::load(m_options.env);
    return files.ok()
           && (!files->profileValue(profile, u"sso_session"_s).isEmpty() || !files->profileValue(profile, u"sso_start_url"_s).isEmpty());
}

aws::Result<aws::SsoDeviceSignIn *> Dashboard::createSsoSignIn(const QString &profile, QObject *parent) const
{
    auto files = aws::AwsConfigFiles::load(m_options.env);
    if (!files.ok())
        return files.error();
    auto settings = aws::SsoDeviceSignIn::settingsFor(files.value(), m_options.env, profile);
    if (!settings.ok())
        return settings.error();
    return new aws::SsoDeviceSignIn(settings.value(), m_network, m_options.clock, parent);
}

ConnectionChoice Dashboard::defaultChoice() const
{
    if (!awsCredentialsAvailable())
        return ConnectionChoice::sandbox();
    const QString profile = m_options.env.value(u"AWS_PROFILE"_s, u"default"_s);
    return ConnectionChoice::awsProfile(profile);
}

aws::Result<bool> Dashboard::connectTo(const ConnectionChoice &choice)
{
    athena::AthenaClient *client = nullptr;
    QString description;
    QString region;
    std::shared_ptr<athena::AthenaConnection> previous;
    if (choice.kind == ConnectionChoice::Kind::Sandbox) {
        if (!m_sandbox) {
            local::EndpointOptions options;
            options.inMemory = m_options.sandboxInMemory;
            options.dataDir = m_options.sandboxDataDir.isEmpty()
                                  ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"sandbox"_s)
                                  : m_options.sandboxDataDir;
            options.seedSessions = m_options.sandboxSeedSessions;
            options.engine.timeScale = m_options.sandboxTimeScale;
            options.engine.dpuQuota = m_options.sandboxDpuQuota;
            options.faults = m_options.sandboxFaults;
            auto sandbox = std::make_unique<local::LocalEndpointThread>(options);
            if (auto started = sandbox->start(); !started.ok())
                return started.error();
            m_sandbox = std::move(sandbox);
            aws::TransportConfig config;
            config.endpoint = m_sandbox->url();
            config.region = u"us-east-1"_s;
            config.requestTimeoutMs = 15000;
            m_sandboxTransport = std::make_unique<aws::AwsJsonTransport>(
                m_network, std::make_shared<aws::StaticCredentialsProvider>(m_sandbox->credentials()), config);
            m_sandboxClient = std::make_unique<athena::AthenaClient>(m_sandboxTransport.get());
        }
        client = m_sandboxClient.get();
        previous = std::exchange(m_connection, nullptr); // a profile's connection is not kept
        description = tr("Local sandbox (%1)").arg(m_sandbox->url().toString(QUrl::StripTrailingSlash));
        region = u"us-east-1"_s;
    } else {
        athena::ConnectionOptions options;
        // "default" is the implicit profile: keys in the environment work without any config file.
        options.profile = choice.profile == u"default"_s ? QString() : choice.profile;
        options.region = choice.region;
        options.endpointUrl = choice.endpointUrl;
        options.mfaPrompt = m_mfaPrompt;
        auto connection = athena::openConnection(m_network, options, m_options.env);
        if (!connection.ok())
            return connection.error();
        // The old connection goes only once everything points at the new one (below): its calls
        // then end with finished() (Cancelled) into code that already ignores the old generation.
        previous = std::exchange(m_connection, connection.value());
        client = m_connection->client.get();
        description = tr("Profile %1 · %2 · %3")
                          .arg(m_connection->settings.profile, m_connection->settings.region,
                               m_connection->settings.endpoint.host());
        region = m_connection->settings.region;
    }
    m_choice = choice;
    m_client = client;
    m_description = description;
    m_region = region;
    ++m_connectionSerial;
    m_sparkWorkGroups.clear();
    m_workGroupsLoaded = false;
    m_selected.clear();
    m_poller.setClient(client);
    m_loader.setClient(client);
    previous.reset();
    Q_EMIT connected(connectionDescription());
    loadWorkGroups();
    return true;
}

void Dashboard::setSandboxFaults(const QList<local::FaultRule> &rules)
{
    m_options.sandboxFaults = rules;
    if (m_sandbox)
        m_sandbox->setFaults(rules);
}

void Dashboard::loadWorkGroups()
{
    if (!m_client)
        return;
    const quint64 serial = m_connectionSerial;
    const quint64 call = ++m_workGroupsCall;
    m_client->listAllWorkGroups(this, [this, serial, call](const aws::Result<QList<athena::WorkGroupSummary>> &r) {
        if (serial != m_connectionSerial || call != m_workGroupsCall)
            return; // an answer for a connection no longer in use, or a cancelled listing
        if (!r.ok()) {
            Q_EMIT errorOccurred(r.error(), Activity::LoadingWorkGroups, tr("Loading workgroups"));
            return;
        }
        m_sparkWorkGroups.clear();
        m_unusableWorkGroups.clear();
        for (const athena::WorkGroupSummary &w : r.value()) {
            if (w.engineVersion.isSpark() && w.state != u"DISABLED"_s)
                m_sparkWorkGroups.append(w);
            else
                m_unusableWorkGroups.insert(w.name, w.engineVersion.isSpark() ? tr("%1 is disabled").arg(w.name)
                                                                             : tr("%1 runs SQL queries (%2), not Spark sessions")
                                                                                   .arg(w.name, w.engineVersion.effective));
        }
        std::sort(m_sparkWorkGroups.begin(), m_sparkWorkGroups.end(),
                  [](const auto &a, const auto &b) { return a.name < b.name; });
        m_workGroupsLoaded = true;
        Q_EMIT workGroupsChanged(m_sparkWorkGroups);
        applyScope();
        refresh();
    });
}

void Dashboard::setScope(const QString &workGroup, const StateFilter &filter)
{
    if (workGroup == m_workGroup && filter == m_filter && !m_loader.workGroups().isEmpty())
        return;
    m_workGroup = workGroup;
    m_filter = filter;
    m_proxy.setStateFilter(filter);
    applyScope();
    refresh();
}

void Dashboard::applyScope()
{
    QStringList groups;
    if (m_workGroup.isEmpty()) {
        for (const athena::WorkGroupSummary &w : std::as_const(m_sparkWorkGroups))
            groups << w.name;
    } else {
        groups << m_workGroup;
    }
    m_loader.setScope(groups, m_filter);
}

void Dashboard::refresh()
{
    m_loader.refresh();
}

void Dashboard::cancelLoading()
{
    if (m_client && !m_workGroupsLoaded) {
        ++m_workGroupsCall; // the workgroup listing's late answer is ignored
        Q_EMIT errorOccurred(aws::AwsError::make(aws::AwsError::Kind::Cancelled, u"Cancelled"_s,
                                                 tr("Loading the workgroups was cancelled")),
                             Activity::LoadingWorkGroups, tr("Loading workgroups"));
    }
    m_loader.cancel();
}

void Dashboard::setAutoRefreshSeconds(int seconds)
{
    m_autoRefreshSeconds = std::max(0, seconds);
    m_loader.setAutoRefreshInterval(m_visible ? m_autoRefreshSeconds * 1000 : 0);
}

void Dashboard::setWindowVisible(bool visible)
{
    if (visible == m_visible)
        return;
    m_visible = visible;
    if (visible) {
        m_poller.resume();
        m_loader.setAutoRefreshInterval(m_autoRefreshSeconds * 1000);
        if (m_autoRefreshSeconds > 0)
            refresh();
    } else {
        m_poller.pause();
        m_loader.setAutoRefreshInterval(0);
    }
}

void Dashboard::select(const QString &sessionId)
{
    if (sessionId == m_selected)
        return;
    if (!m_selected.isEmpty())
        m_poller.unwatch(m_selected, SessionPoller::Selected);
    m_selected = sessionId;
    m_proxy.setKeptSession(sessionId);
    if (sessionId.isEmpty())
        return;
    if (const auto details = m_model.detailsOf(sessionId))
        Q_EMIT selectedDetailsChanged(*details);
    const int row = m_model.rowOf(sessionId);
    const auto state = row >= 0 ? m_model.summaryAt(row).status.state : std::nullopt;
    if (state && athena::isFinal(*state) && m_model.detailsOf(sessionId)) {
        return; // an ended session already shown in full: nothing will change
    }
    m_poller.watch(sessionId, SessionPoller::Selected);
}

void Dashboard::setPinned(const QString &sessionId, bool pinned)
{
    if (pinned) {
        m_pinned.insert(sessionId);
        m_poller.watch(sessionId, SessionPoller::Pinned);
    } else {
        m_pinned.remove(sessionId);
        m_poller.unwatch(sessionId, SessionPoller::Pinned);
    }
}

void Dashboard::startSession(const athena::StartSessionRequest &request, QObject *context,
                             const athena::Callback<athena::StartSessionResult> &done)
{
    if (!m_client) {
        done(aws::AwsError::make(aws::AwsError::Kind::Config, u"NotConnected"_s, tr("Not connected")));
        return;
    }
    // The dashboard is the call's context, not the caller's: a session that starts while the
    // dialog is being closed still reaches the table, the poller and the notifications; only the
    // caller's part is skipped once `context` is gone.
    m_client->startSession(request, this, [this, request, done, caller = QPointer<QObject>(context),
                                           serial = m_connectionSerial](const aws::Result<athena::StartSessionResult> &r) {
        if (r.ok() && serial == m_connectionSerial) { // not into another connection's table
            // In the table at once, as the service described it, then followed by the poller.
            athena::SessionDetails d;
            d.sessionId = r->sessionId;
            d.workGroup = request.workGroup;
            d.description = request.description;
            d.engineConfiguration = request.engineConfiguration;
            d.notebookVersion = request.notebookVersion;
            d.status.state = r->state.value_or(SessionState::Creating);
            d.status.startDateTime = m_options.clock->nowUtc();
            m_model.upsertDetails(d);
            m_started.insert(r->sessionId);
            m_poller.watch(r->sessionId, SessionPoller::Started);
            m_poller.watch(r->sessionId, SessionPoller::Pinned); // notified until it ends
        }
        if (caller)
            done(r);
    });
}

void Dashboard::terminateSessions(const QStringList &sessionIds)
{
    if (!m_client)
        return;
    for (const QString &id : sessionIds) {
        m_client->terminateSession(id, this, [this, id](const aws::Result<athena::TerminateSessionResult> &r) {
            if (!r.ok()) {
                Q_EMIT terminateFinished(id, false, r.error().toString());
                return;
            }
            m_poller.watch(id, SessionPoller::Started); // follow it to TERMINATED quickly
            m_poller.pollNow(id);
            Q_EMIT terminateFinished(id, true, {});
        });
    }
}

void Dashboard::onStateChanged(const QString &sessionId, const QString &workGroup, std::optional<SessionState> from,
                               SessionState to, const QDateTime &)
{
    if (!m_started.contains(sessionId) && !m_pinned.contains(sessionId))
        return;
    const athena::SessionSummary summary = m_model.summaryAt(m_model.rowOf(sessionId));
    const QString name = summary.description.isEmpty() ? sessionId : summary.description;
    // Why it ended, when the service says: "…is FAILED: Spark driver lost".
    const QString reason = summary.status.stateChangeReason.isEmpty() ? QString() : u": "_s + summary.status.stateChangeReason;
    switch (to) {
    case SessionState::Idle:
        if (!from || athena::isTransitional(*from))
            Q_EMIT notification(tr("Session ready"), tr("%1 is IDLE in %2").arg(name, workGroup), false);
        break;
    case SessionState::Failed:
    case SessionState::Degraded:
        Q_EMIT notification(tr("Session %1").arg(athena::stateName(to)),
                            tr("%1 in %2 is %3").arg(name, workGroup, athena::stateName(to)) + reason, true);
        break;
    case SessionState::Terminated:
        Q_EMIT notification(tr("Session ended"), tr("%1 in %2 is TERMINATED").arg(name, workGroup) + reason, false);
        break;
    default:
        break;
    }
}

quint64 Dashboard::requestsSent() const
{
    if (m_choice.kind == ConnectionChoice::Kind::Sandbox)
        return m_sandboxTransport ? m_sandboxTransport->requestsSent() : 0;
    return m_connection ? m_connection->transport->requestsSent() : 0;
}

QByteArray Dashboard::exportCsv(const QList<int> &modelRows) const
{
    return sessionexport::toCsv(m_model, modelRows);
}

QByteArray Dashboard::exportJson(const QList<int> &modelRows) const
{
    QList<sessionexport::Entry> entries;
    for (int row : modelRows) {
        const athena::SessionSummary s = m_model.summaryAt(row);
        entries.append({s, m_model.workGroupOf(s.sessionId), m_model.detailsOf(s.sessionId)});
    }
    return sessionexport::toJson(entries);
}

double Dashboard::dpuHourPrice() const
{
    bool ok = false;
    const double usd = QSettings().value(u"cost/dpuHourPriceUsd"_s).toDouble(&ok);
    return ok && usd >= 0 ? usd : StartSessionForm::defaultDpuHourPriceUsd;
}

void Dashboard::setDpuHourPrice(double usd)
{
    QSettings().setValue(u"cost/dpuHourPriceUsd"_s, usd);
    m_model.setDpuHourPrice(usd);
}

void Dashboard::setSessionsInView(const QStringList &sessionIds)
{
    const QSet<QString> now(sessionIds.begin(), sessionIds.end());
    for (const QString &id : std::as_const(m_inView)) {
        if (!now.contains(id))
            m_poller.unwatch(id, SessionPoller::InView);
    }
    for (const QString &id : now) {
        if (m_poller.isWatching(id) && m_inView.contains(id))
            continue;
        const int row = m_model.rowOf(id);
        if (row < 0)
            continue;
        const auto state = m_model.summaryAt(row).status.state;
        const auto details = m_model.detailsOf(id);
        const bool known = details && state && athena::isFinal(*state) && details->status.state == state;
        if (!known)
            m_poller.watch(id, SessionPoller::InView);
    }
    m_inView = now;
}

QString Dashboard::totalsText(const QList<int> &modelRows) const
{
    const SessionTableModel::Totals t = m_model.totals(modelRows);
    if (t.rows == 0)
        return {};
    QString text = tr("%1 DPU-hours · %2").arg(QLocale().toString(t.dpuHours, 'f', 2),
                                              SessionTableModel::formatUsd(t.dpuHours * m_model.dpuHourPrice()));
    if (t.known < t.rows)
        text += QLatin1Char(' ') + tr("(%1 of %n known)", nullptr, t.rows).arg(t.known);
    return text;
}

QString Dashboard::regionSource() const
{
    return m_connection && m_choice.kind == ConnectionChoice::Kind::Profile ? m_connection->settings.regionSource : QString();
}

QString Dashboard::credentialsSource() const
{
    return m_connection && m_connection->credentials && m_choice.kind == ConnectionChoice::Kind::Profile
               ? m_connection->credentials->description()
               : QString();
}

QString Dashboard::connectionDescription() const
{
    if (!m_connection || !m_connection->credentials || m_choice.kind != ConnectionChoice::Kind::Profile)
        return m_description;
    return m_description + u" · "_s + m_connection->credentials->description();
}
