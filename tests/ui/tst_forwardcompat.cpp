// The window against a service newer than this build: every session operation answers with
// states and members the client does not know (and timestamps in ISO 8601). The rows are shown
// with the states as they came, the detail pane too, a start and a terminate go through, and the
// models stay consistent under QAbstractItemModelTester.
#include "athena/athenatypes.h"
#include "dashboard/dashboard.h"
#include "sessions/sessiontablemodel.h"
#include "support/guitestsupport.h"
#include "support/scriptedhttpserver.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/messageboxes.h"
#include "ui/notifier.h"
#include "ui/windowstatusbar.h"
#include "ui/startsessiondialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QTest>

using namespace Qt::StringLiterals;
using testing::ScriptedHttpServer;

namespace {

// Members no version of the model has; a client must ignore them.
const QJsonObject kFuture{{u"FutureMember"_s, QJsonObject{{u"Nested"_s, QJsonArray{1, 2}}}}};

QJsonObject withFuture(QJsonObject o)
{
    o.insert(u"FutureMember"_s, kFuture);
    return o;
}

QJsonObject status(const QString &state)
{
    return withFuture({{u"State"_s, state},
                       {u"StartDateTime"_s, u"2026-12-01T08:30:15.123456Z"_s},
                       {u"LastModifiedDateTime"_s, u"2026-12-01T08:31:00Z"_s},
                       {u"StateChangeReason"_s, u"moved to %1 by a newer service"_s.arg(state)}});
}

QJsonObject summary(const QString &id, const QString &state)
{
    return withFuture({{u"SessionId"_s, id},
                       {u"Description"_s, u"session %1"_s.arg(id)},
                       {u"EngineVersion"_s, withFuture({{u"EffectiveEngineVersion"_s, u"PySpark engine version 3"_s}})},
                       {u"Status"_s, status(state)}});
}

ScriptedHttpServer::Action answer(const QJsonObject &o)
{
    return ScriptedHttpServer::Action::respond(200, QJsonDocument(o).toJson(QJsonDocument::Compact),
                                               {{"Content-Type", "application/x-amz-json-1.1"}});
}

} // namespace

class TestForwardCompat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void unknownStatesAndMembersEverywhere();

private:
    ScriptedHttpServer::Action respond(const ScriptedHttpServer::Received &request);

    QTemporaryDir m_dir;
    ScriptedHttpServer m_server;
    QMap<QString, QString> m_states{{u"s-known"_s, u"IDLE"_s}, {u"s-future"_s, u"HIBERNATING"_s}};
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<MainWindow> m_window;
};

void TestForwardCompat::initTestCase()
{
    QVERIFY(m_dir.isValid());
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
    QVERIFY(m_server.listen());
    m_server.handler = [this](const ScriptedHttpServer::Received &r) { return respond(r); };
}

void TestForwardCompat::cleanup()
{
    m_window.reset();
    m_dashboard.reset();
}

ScriptedHttpServer::Action TestForwardCompat::respond(const ScriptedHttpServer::Received &request)
{
    const QByteArray target = request.header("X-Amz-Target");
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (target.endsWith(".ListWorkGroups")) {
        return answer({{u"WorkGroups"_s,
                        QJsonArray{withFuture({{u"Name"_s, u"spark-next"_s},
                                               {u"State"_s, u"ARCHIVING"_s}, // a workgroup state added later
                                               {u"CreationTime"_s, u"2026-01-02T03:04:05Z"_s},
                                               {u"EngineVersion"_s, QJsonObject{{u"EffectiveEngineVersion"_s, u"PySpark engine version 3"_s}}}})}}});
    }
    if (target.endsWith(".ListSessions")) {
        QJsonArray sessions;
        for (auto it = m_states.cbegin(); it != m_states.cend(); ++it)
            sessions.append(summary(it.key(), it.value()));
        return answer({{u"Sessions"_s, sessions}});
    }
    const QString id = body.value(u"SessionId"_s).toString();
    if (target.endsWith(".GetSession")) {
        return answer(withFuture({{u"SessionId"_s, id},
                                  {u"WorkGroup"_s, u"spark-next"_s},
                                  {u"Description"_s, u"session %1"_s.arg(id)},
                                  {u"EngineVersion"_s, u"PySpark engine version 3"_s},
                                  {u"EngineConfiguration"_s, withFuture({{u"MaxConcurrentDpus"_s, 20}})},
                                  {u"SessionConfiguration"_s, withFuture({{u"IdleTimeoutSeconds"_s, 1200}})},
                                  {u"MonitoringConfiguration"_s, withFuture({{u"ManagedLoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}}}})},
                                  {u"Status"_s, status(m_states.value(id, u"PROVISIONING"_s))},
                                  {u"Statistics"_s, withFuture({{u"DpuExecutionInMillis"_s, 3600000}})}}));
    }
    if (target.endsWith(".GetSessionStatus"))
        return answer(withFuture({{u"SessionId"_s, id}, {u"Status"_s, status(m_states.value(id, u"PROVISIONING"_s))}}));
    if (target.endsWith(".StartSession")) {
        m_states.insert(u"s-started"_s, u"PROVISIONING"_s);
        return answer(withFuture({{u"SessionId"_s, u"s-started"_s}, {u"State"_s, u"PROVISIONING"_s}}));
    }
    if (target.endsWith(".TerminateSession")) {
        m_states.insert(id, u"DRAINING"_s);
        return answer(withFuture({{u"State"_s, u"DRAINING"_s}}));
    }
    return ScriptedHttpServer::Action::respond(400, R"({"__type":"InvalidRequestException","Message":"not in this test"})");
}

void TestForwardCompat::unknownStatesAndMembersEverywhere()
{
    Dashboard::Options options = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    options.env.insert({{u"AWS_ACCESS_KEY_ID"_s, u"FAKEKEYFORWARDCOMPAT"_s}, {u"AWS_SECRET_ACCESS_KEY"_s, u"not-a-secret"_s}});
    m_dashboard = std::make_unique<Dashboard>(options);
    QAbstractItemModelTester sourceTester(m_dashboard->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(m_dashboard->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->start({ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, u"http://127.0.0.1:%1"_s.arg(m_server.port())), {}, {}});

    // Both rows, the unknown state as it came, sorted after the known one; no error anywhere.
    SessionTableModel *model = m_dashboard->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading(), 10000);
    const auto stateOf = [model](const QString &id) {
        return model->index(model->rowOf(id), SessionTableModel::StateColumn).data().toString();
    };
    QCOMPARE(stateOf(u"s-future"_s), u"HIBERNATING"_s);
    QCOMPARE(stateOf(u"s-known"_s), u"IDLE"_s);
    QVERIFY(model->index(model->rowOf(u"s-future"_s), SessionTableModel::StateColumn).data(SessionTableModel::SortRole).toInt()
            > model->index(model->rowOf(u"s-known"_s), SessionTableModel::StateColumn).data(SessionTableModel::SortRole).toInt());
    QCOMPARE(model->summaryAt(model->rowOf(u"s-future"_s)).status.startDateTime,
             QDateTime(QDate(2026, 12, 1), QTime(8, 30, 15, 123), Qt::UTC));
    QVERIFY2(m_window->isShowingTable(), qPrintable(m_window->emptyStateText()));

    // The detail pane polls GetSession / GetSessionStatus and shows the state and its reason.
    QVERIFY(m_window->selectSession(u"s-future"_s));
    DetailPane *pane = m_window->detailPane();
    QTRY_COMPARE_WITH_TIMEOUT(pane->fieldText(u"state"_s), u"HIBERNATING"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(pane->fieldText(u"stateChangeReason"_s).contains(u"newer service"_s), 10000);

    // A start whose answer has a new state: the session is in the table, selected, as it came.
    QPointer<StartSessionDialog> dialog = m_window->openStartDialog(); // it deletes itself on close
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(u"s-started"_s), u"PROVISIONING"_s, 10000);
    QCOMPARE(m_window->selectedSessionIds(), QStringList{u"s-started"_s});
    // It fails later: the notification says why, in the window's own list (no tray offscreen).
    m_states.insert(u"s-started"_s, u"FAILED"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->notifier()->history().join(u'\n').contains(u"is FAILED: moved to FAILED by a newer service"_s),
                              qPrintable(m_window->notifier()->history().join(u'\n')), 10000);
    auto *bell = m_window->findChild<QToolButton *>(u"notificationsButton"_s);
    QVERIFY(bell && bell->isVisible());
    QVERIFY2(bell->text().startsWith(u"Notifications ("_s), qPrintable(bell->text()));
    QVERIFY(m_window->windowStatusBar()->currentMessage().contains(u"FAILED"_s) || m_window->notifier()->usesTray());

    // A terminate answered with a new state goes through and is shown.
    QVERIFY(m_window->selectSession(u"s-known"_s));
    messageboxes::setNextAnswer(QMessageBox::Yes);
    m_window->findChild<QAction *>(u"terminateAction"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(u"s-known"_s), u"DRAINING"_s, 10000);
    QVERIFY2(m_window->isShowingTable(), qPrintable(m_window->emptyStateText()));
}

QTEST_MAIN(TestForwardCompat)
#include "tst_forwardcompat.moc"
