#pragma once

#include "athena/athenaconnection.h"
#include "local/faultinjector.h"
#include "sessions/sessionfilterproxymodel.h"
#include "sessions/sessionlistloader.h"
#include "sessions/sessionpoller.h"
#include "sessions/sessiontablemodel.h"
#include "sessions/statehistory.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

class QNetworkAccessManager;
namespace aws {
class SsoDeviceSignIn;
}
namespace local {
class LocalEndpointThread;
struct FaultRule;
}

// Where the dashboard connects: the in-process Local sandbox, or an AWS profile.
struct ConnectionChoice
{
    enum class Kind { Sandbox, Profile } kind = Kind::Sandbox;
    QString profile;
    QString region;
    QString endpointUrl;

    static ConnectionChoice sandbox() { return {}; }
    static ConnectionChoice awsProfile(QString profile, QString region = {}, QString endpointUrl = {})
    {
        return {Kind::Profile, std::move(profile), std::move(region), std::move(endpointUrl)};
    }
    friend bool operator==(const ConnectionChoice &, const ConnectionChoice &) = default;
};

// Everything the window shows, without a widget: the connection (an AWS profile or the
// in-process sandbox), the Spark workgroups, the session table with its worker, the poller that
// follows the selected, started and pinned sessions, the observed history, and the rules for
// desktop notifications. Widgets bind to it and never see a request or JSON.
class Dashboard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dashboard)

public:
    // What was being done when an error occurred.
    enum class Activity { LoadingWorkGroups, ListingSessions, RefreshingSession };
    Q_ENUM(Activity)

    struct Options
    {
        aws::Environment env;
        QString sandboxDataDir;      // default: <AppDataLocation>/sandbox
        bool sandboxInMemory = false;
        int sandboxSeedSessions = 60; // into an empty sandbox
        double sandboxTimeScale = 2.0;
        QString historyPath;          // default: StateHistory::defaultPath()
        SessionPoller::Intervals pollIntervals;
        int sandboxDpuQuota = 1000;
        QList<local::FaultRule> sandboxFaults; // for demos and tests of recovery
        const aws::Clock *clock = aws::SystemClock::instance(); // the one clock of the window
    };

    explicit Dashboard(Options options, QObject *parent = nullptr);
    ~Dashboard() override;

    // AWS profiles from the shared files, and whether any AWS credentials are configured at all.
    // (A broken file still lists the profiles its readable headers name; configProblem() says which
    // file and line is broken.)
    QStringList awsProfiles() const;
    std::optional<aws::AwsError> configProblem() const;
    bool awsCredentialsAvailable() const;
    ConnectionChoice defaultChoice() const;
    // Resolves and switches; on an error the previous connection stays.
    aws::Result<bool> connectTo(const ConnectionChoice &choice);
    bool isConnected() const { return m_client != nullptr; }
    athena::AthenaClient *client() const { return m_client; }
    ConnectionChoice connection() const { return m_choice; }
    // "Profile work · eu-west-1 · athena.eu-west-1.amazonaws.com · role … (from profile base),
    // expires …": where the credentials come from and, once fetched, when they expire.
    QString connectionDescription() const;
    QString region() const { return m_region; }
    // Where the region and the credentials in effect come from ("AWS_REGION", "the environment").
    QString regionSource() const;
    QString credentialsSource() const;

    void loadWorkGroups();
    QList<athena::WorkGroupSummary> sparkWorkGroups() const { return m_sparkWorkGroups; }
    // The workgroups that cannot run sessions (SQL engines, disabled ones), with why.
    QHash<QString, QString> unusableWorkGroups() const { return m_unusableWorkGroups; }
    bool workGroupsLoaded() const { return m_workGroupsLoaded; }

    // An empty workGroup means every Spark workgroup.
    void setScope(const QString &workGroup, const StateFilter &filter);
    QString workGroup() const { return m_workGroup; }
    StateFilter filter() const { return m_filter; }
    void refresh();
    void cancelLoading();
    void setAutoRefreshSeconds(int seconds);
    int autoRefreshSeconds() const { return m_autoRefreshSeconds; }
    bool isLoading() const { return m_loader.isRunning(); }

    SessionTableModel *model() { return &m_model; }
    SessionFilterProxyModel *proxy() { return &m_proxy; }
    SessionPoller *poller() { return &m_poller; }
    StateHistory *history() { return &m_history; }
    const aws::Clock *clock() const { return m_options.clock; }
    // How a role with mfa_serial asks for its code (the window shows a dialog).
    void setMfaPrompt(aws::MfaPrompt prompt) { m_mfaPrompt = std::move(prompt); }
    // Whether `profile` signs in with IAM Identity Center (sso_session or sso_start_url).
    bool profileUsesSso(const QString &profile) const;
    // A device sign-in to IAM Identity Center for `profile`, owned by `parent`, ready to start();
    // an error when the profile does not use IAM Identity Center. After it succeeds, connect again.
    aws::Result<aws::SsoDeviceSignIn *> createSsoSignIn(const QString &profile, QObject *parent) const;

    // The price of a DPU-hour in USD, for every cost shown: a setting ("cost/dpuHourPriceUsd"),
    // Athena's published us-east-1 price by default.
    double dpuHourPrice() const;
    void setDpuHourPrice(double usd);

    // The sessions whose rows the user can see. Their details (DPU-hours, cost, idle timeout) are
    // fetched lazily and refreshed while they can change, within the poller's in-view budget;
    // an ended session already known in full is not asked again.
    void setSessionsInView(const QStringList &sessionIds);
    QStringList sessionsInView() const { return m_inView.values(); }

    void select(const QString &sessionId);
    QString selected() const { return m_selected; }
    void setPinned(const QString &sessionId, bool pinned);
    bool isPinned(const QString &sessionId) const { return m_pinned.contains(sessionId); }
    QDateTime lastUpdated(const QString &sessionId) const { return m_updated.value(sessionId); }
    // HTTP requests sent on the current connection (every attempt), for diagnostics and benchmarks.
    quint64 requestsSent() const;

    // Changes the sandbox's injected faults (when the sandbox runs).
    void setSandboxFaults(const QList<local::FaultRule> &rules);

    // Pauses polling and auto-refresh while the window is hidden.
    void setWindowVisible(bool visible);

    // On success the session is in the table at once, followed until it settles, and watched
    // for notifications.
    void startSession(const athena::StartSessionRequest &request, QObject *context,
                      const athena::Callback<athena::StartSessionResult> &done);
    void terminateSessions(const QStringList &sessionIds);

    // DPU-hours and cost over some rows of the model, e.g. "12.40 DPU-hours · $4.34" (with "of N
    // known" when some are not fetched yet).
    QString totalsText(const QList<int> &modelRows) const;

    // The session's JSON export entries for the given model rows.
    QByteArray exportJson(const QList<int> &modelRows) const;
    QByteArray exportCsv(const QList<int> &modelRows) const;

Q_SIGNALS:
    void connected(const QString &description);
    void workGroupsChanged(const QList<athena::WorkGroupSummary> &sparkWorkGroups);
    void loadingStarted();
    void loadingProgress(int pages, int sessions);
    void loadingFinished(bool complete, int sessions);
    // `activity` says what failed, for control flow; `during` says it to a person (translated).
    void errorOccurred(const aws::AwsError &error, Dashboard::Activity activity, const QString &during);
    void selectedDetailsChanged(const athena::SessionDetails &details);
    void terminateFinished(const QString &sessionId, bool ok, const QString &message);
    void notification(const QString &title, const QString &message, bool problem);

private:
    void applyScope();
    void onStateChanged(const QString &sessionId, const QString &workGroup, std::optional<athena::SessionState> from,
                        athena::SessionState to, const QDateTime &at);

    Options m_options;
    QNetworkAccessManager *m_network;
    std::unique_ptr<local::LocalEndpointThread> m_sandbox;
    std::shared_ptr<athena::AthenaConnection> m_connection;
    std::unique_ptr<aws::AwsJsonTransport> m_sandboxTransport;
    std::unique_ptr<athena::AthenaClient> m_sandboxClient;
    athena::AthenaClient *m_client = nullptr;
    ConnectionChoice m_choice;
    QString m_description;
    QString m_region;

    QList<athena::WorkGroupSummary> m_sparkWorkGroups;
    bool m_workGroupsLoaded = false;
    QString m_workGroup;
    StateFilter m_filter;
    int m_autoRefreshSeconds = 0;
    bool m_visible = true;

    SessionTableModel m_model;
    SessionFilterProxyModel m_proxy;
    SessionListLoader m_loader;
    SessionPoller m_poller;
    StateHistory m_history;
    QTimer m_tick;

    QString m_selected;
    QSet<QString> m_pinned;
    QSet<QString> m_inView;
    QHash<QString, QString> m_unusableWorkGroups;
    QSet<QString> m_started; // started from this app: notified about
    QHash<QString, QDateTime> m_updated;
    quint64 m_connectionSerial = 0;
    quint64 m_workGroupsCall = 0; // the current ListWorkGroups walk; a cancel moves it on
    aws::MfaPrompt m_mfaPrompt;
};
