// The main window against the in-memory sandbox, driven as a user would: listing, starting a
// session and watching it come up, a refused start, terminating with a confirmation, filter and
// search, export, copy, empty states, notifications, and settings restored on a second start.
#include "ui/connectionbar.h"
#include "support/loopback.h"
#include "ui/detailpane.h"
#include "support/guitestsupport.h"
#include "ui/keyvaluetable.h"
#include "local/localendpoint.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"
#include "ui/messageboxes.h"
#include "ui/notifier.h"
#include "ui/startsessiondialog.h"
#include "support/scriptedhttpserver.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QElapsedTimer>
#include <QTimer>
#include <QToolButton>
#include <QTest>

using namespace Qt::StringLiterals;
using athena::SessionState;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsTheSandbox();
    void startedSessionIsSelectedAndComesUpIdle();
    void refusedStartKeepsTheDialogAndInput();
    void terminateAsksFirst();
    void filterAndSearch();
    void exportAndCopy();
    void shortcuts();
    void noCredentialsOffersTheSandbox();
    void unreachableAndDeniedExplainThemselves();
    void settingsAreRestored();
    void staysResponsiveUnderFaultsAndRecovers();
    void closingTheStartDialogKeepsTheStartedSession();
    void switchingConnectionEndsAStartInFlight();
    void silentEndpointShowsElapsedTimeAndCancel();
    void tabLeavesTheTableAndEscapeClearsTheSearch();

private:
    void openWindow(const MainWindow::StartOptions &options = {}, const aws::Environment &extraEnv = {});
    void waitForListing();
    QComboBox *combo(const QString &name) const { return m_window->findChild<QComboBox *>(name); }
    int visibleRows() const { return m_window->table()->model()->rowCount(); }
    QString stateOf(const QString &id) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Translations> m_translations;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_translations = std::make_unique<Translations>(QLocale(QLocale::English, QLocale::UnitedStates)); // as main() does
}

void TestMainWindow::init()
{
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_dashboard.reset();
}

void TestMainWindow::openWindow(const MainWindow::StartOptions &options, const aws::Environment &extraEnv)
{
    Dashboard::Options dashboardOptions = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    dashboardOptions.env.insert(extraEnv);
    m_dashboard = std::make_unique<Dashboard>(dashboardOptions);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    MainWindow::StartOptions o = options;
    if (!o.connection)
        o.connection = ConnectionChoice::sandbox();
    m_window->start(o);
}

void TestMainWindow::waitForListing()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->workGroupsLoaded() && !m_dashboard->isLoading() && visibleRows() > 0, 20000);
}

QString TestMainWindow::stateOf(const QString &id) const
{
    const int row = m_dashboard->model()->rowOf(id);
    return m_dashboard->model()->index(row, SessionTableModel::StateColumn).data().toString();
}

void TestMainWindow::listsTheSandbox()
{
    openWindow();
    waitForListing();
    QVERIFY(m_window->isShowingTable());
    QVERIFY(m_window->findChild<QLabel *>(u"connectionLabel"_s)->text().startsWith(u"Local sandbox"_s));
    QCOMPARE(combo(u"workGroupCombo"_s)->itemText(0), u"All Spark workgroups"_s);
    QVERIFY(combo(u"workGroupCombo"_s)->count() >= 3);
    QVERIFY(m_window->findChild<QLabel *>(u"progressLabel"_s)->text().contains(u"session"_s));
    // Newest first by default; state icons present.
    const QModelIndex first = m_window->table()->model()->index(0, SessionTableModel::StateColumn);
    QVERIFY(!first.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(m_window->table()->horizontalHeader()->sortIndicatorSection(), int(SessionTableModel::StartedColumn));
}

void TestMainWindow::startedSessionIsSelectedAndComesUpIdle()
{
    openWindow();
    waitForListing();
    m_window->findChild<QAction *>(u"newSessionAction"_s)->trigger();
    auto *dialog = m_window->findChild<StartSessionDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *description = dialog->findChild<QLineEdit *>(u"descriptionEdit"_s);
    QTest::keyClicks(description, u"GUI test session"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<StartSessionDialog *>() || !dialog->isVisible(), 10000);

    QCOMPARE(m_window->selectedSessionIds().size(), 1);
    const QString id = m_window->selectedSessionIds().first();
    QVERIFY(m_dashboard->model()->rowOf(id) >= 0);
    QCOMPARE(m_dashboard->model()->summaryAt(m_dashboard->model()->rowOf(id)).description, u"GUI test session"_s);
    DetailPane *pane = m_window->detailPane();
    QCOMPARE(pane->sessionId(), id);
    QTRY_COMPARE_WITH_TIMEOUT(pane->fieldText(u"state"_s), u"IDLE"_s, 15000);
    QCOMPARE(stateOf(id), u"IDLE"_s);
    QVERIFY(m_window->findChild<QLabel *>(u"updatedLabel"_s)->text().startsWith(u"Updated"_s));
    // The observed timeline and a desktop notification.
    auto *timeline = m_window->findChild<QWidget *>(u"timelineList"_s);
    QVERIFY(timeline);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->notifier()->history().join(u'\n').contains(u"Session ready"_s), 5000);
}

void TestMainWindow::refusedStartKeepsTheDialogAndInput()
{
    openWindow();
    waitForListing();
    const int rows = m_dashboard->model()->rowCount();
    StartSessionDialog *dialog = m_window->openStartDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // A SQL workgroup is refused by the form, with the reason, before anything is sent.
    auto *wg = dialog->findChild<QComboBox *>(u"workGroupCombo"_s);
    const QString spark = wg->currentText();
    wg->setCurrentText(u"primary"_s);
    QVERIFY(!dialog->findChild<QPushButton *>(u"okButton"_s)->isEnabled());
    QVERIFY2(dialog->findChild<QLabel *>(u"workGroupError"_s)->text().contains(u"primary runs SQL queries"_s),
             qPrintable(dialog->findChild<QLabel *>(u"workGroupError"_s)->text()));
    // What only the service knows (its DPU quota) is refused by the service; the input stays.
    wg->setCurrentText(spark);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"descriptionEdit"_s), u"should fail"_s);
    auto *dpus = dialog->findChild<QLineEdit *>(u"maxDpusEdit"_s);
    dpus->setText(u"5000"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    auto *banner = dialog->findChild<QLabel *>(u"serviceErrorLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY2(banner->text().contains(u"TooManyRequestsException"_s), qPrintable(banner->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(wg->currentText(), spark);
    QCOMPARE(dpus->text(), u"5000"_s);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"descriptionEdit"_s)->text(), u"should fail"_s);
    QVERIFY(dialog->findChild<QPushButton *>(u"okButton"_s)->isEnabled());
    QCOMPARE(m_dashboard->model()->rowCount(), rows);
    dialog->reject();
}

void TestMainWindow::terminateAsksFirst()
{
    openWindow();
    waitForListing();
    // An IDLE session from the table.
    QString id;
    for (int r = 0; r < m_dashboard->model()->rowCount() && id.isEmpty(); ++r) {
        if (m_dashboard->model()->summaryAt(r).status.state == SessionState::Idle)
            id = m_dashboard->model()->sessionIdAt(r);
    }
    QVERIFY(!id.isEmpty());
    QVERIFY(m_window->selectSession(id));
    QAction *terminate = m_window->findChild<QAction *>(u"terminateAction"_s);
    QVERIFY(terminate->isEnabled());
    QSignalSpy terminated(m_dashboard.get(), &Dashboard::terminateFinished);
    messageboxes::setNextAnswer(QMessageBox::No);
    terminate->trigger();
    QVERIFY(messageboxes::lastText().contains(id));
    QCOMPARE(messageboxes::lastAcceptText(), u"&Terminate 1 session"_s); // says what it does, in real English
    QCOMPARE(stateOf(id), u"IDLE"_s); // declined: nothing happened

    messageboxes::setNextAnswer(QMessageBox::Yes);
    terminate->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(id) == u"TERMINATING"_s || stateOf(id) == u"TERMINATED"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"TERMINATED"_s, 15000);
    // One TerminateSession in all: had the declined one been sent, it would have finished first.
    QTRY_COMPARE(terminated.size(), 1);
    QCOMPARE(terminated.first().first().toString(), id);
    QTRY_VERIFY(!terminate->isEnabled()); // nothing left to terminate in the selection
}

void TestMainWindow::filterAndSearch()
{
    openWindow();
    waitForListing();
    const int active = visibleRows();
    QComboBox *filter = combo(u"filterCombo"_s);
    filter->setCurrentIndex(filter->findData(u"all"_s));
    Q_EMIT filter->activated(filter->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading() && visibleRows() > active, 15000);
    bool sawEnded = false;
    for (int r = 0; r < visibleRows(); ++r)
        sawEnded = sawEnded || m_window->table()->model()->index(r, 0).data().toString() == u"TERMINATED"_s;
    QVERIFY(sawEnded);

    // One workgroup.
    QComboBox *wg = combo(u"workGroupCombo"_s);
    wg->setCurrentIndex(wg->findData(u"spark-etl"_s));
    Q_EMIT wg->activated(wg->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading() && visibleRows() > 0, 15000);
    for (int r = 0; r < visibleRows(); ++r)
        QCOMPARE(m_window->table()->model()->index(r, SessionTableModel::WorkGroupColumn).data().toString(), u"spark-etl"_s);

    // Search IDs and descriptions.
    QLineEdit *search = m_window->connectionBar()->searchEdit();
    QTest::keyClicks(search, u"nightly"_s);
    for (int r = 0; r < visibleRows(); ++r)
        QVERIFY(m_window->table()->model()->index(r, SessionTableModel::DescriptionColumn).data().toString().contains(u"Nightly"_s));
    const QString someId = m_dashboard->model()->sessionIdAt(0).left(8);
    search->setText(someId);
    QVERIFY(visibleRows() >= 1);
    search->setText(u"no-such-thing-zzz"_s);
    QCOMPARE(visibleRows(), 0);
    QVERIFY(!m_window->isShowingTable());
    QVERIFY(m_window->emptyStateText().contains(u"No session matches"_s));
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s), Qt::LeftButton); // Clear search
    QVERIFY(search->text().isEmpty());
    QVERIFY(m_window->isShowingTable());

    // A state with nothing in it says so, and offers to start one.
    filter->setCurrentIndex(filter->findData(u"CREATED"_s));
    Q_EMIT filter->activated(filter->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading() && !m_window->isShowingTable(), 15000);
    QVERIFY2(m_window->emptyStateText().contains(u"No CREATED sessions in spark-etl"_s), qPrintable(m_window->emptyStateText()));
    QCOMPARE(m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s)->text(), u"Start session…"_s);
}

void TestMainWindow::exportAndCopy()
{
    openWindow();
    waitForListing();
    const QString csv = m_dir.filePath(u"out.csv"_s);
    const QString json = m_dir.filePath(u"out.json"_s);
    QVERIFY(m_window->exportVisibleRows(csv, false));
    QVERIFY(m_window->exportVisibleRows(json, true));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = c.readAll().split('\n');
    QCOMPARE(lines.first().trimmed(), QByteArray("State,Session ID,Description,Workgroup,Engine version,Started,Idle / busy for,Ends in,Last modified,Ended,Notebook version,DPU-hours,Cost"));
    QCOMPARE(lines.size() - 2, visibleRows()); // header, rows, trailing newline
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    const QJsonArray sessions = QJsonDocument::fromJson(j.readAll()).object().value(u"Sessions"_s).toArray();
    QCOMPARE(sessions.size(), visibleRows());
    QVERIFY(sessions.first().toObject().contains(u"SessionId"_s));
    QVERIFY(sessions.first().toObject().value(u"Status"_s).toObject().contains(u"State"_s));
    QVERIFY(!sessions.first().toObject().value(u"WorkGroup"_s).toString().isEmpty());

    const QString id = m_dashboard->model()->sessionIdAt(0);
    QVERIFY(m_window->selectSession(id));
    m_window->findChild<QAction *>(u"copyIdAction"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), id);
}

void TestMainWindow::shortcuts()
{
    openWindow();
    waitForListing();
    const auto shortcut = [this](const QString &action) { return m_window->findChild<QAction *>(action)->shortcut(); };
    QCOMPARE(shortcut(u"refreshAction"_s), QKeySequence(Qt::Key_F5));
    QCOMPARE(shortcut(u"newSessionAction"_s), QKeySequence(QKeySequence::New));
    QCOMPARE(shortcut(u"terminateAction"_s), QKeySequence(QKeySequence::Delete));
    QCOMPARE(shortcut(u"copyIdAction"_s), QKeySequence(QKeySequence::Copy));
    QCOMPARE(shortcut(u"findAction"_s), QKeySequence(QKeySequence::Find));
    m_window->activateWindow();
    m_window->table()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY2(m_window->minimumSizeHint().width() <= 1024, qPrintable(QString::number(m_window->minimumSizeHint().width()))); // usable on a small screen
    QTRY_VERIFY(m_window->connectionBar()->searchEdit()->hasFocus());
    QSignalSpy started(m_dashboard.get(), &Dashboard::loadingStarted);
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(started.size() >= 1, 5000); // emitted during the key press
}

void TestMainWindow::noCredentialsOffersTheSandbox()
{
    // A profile with a region but no keys: the window explains and offers the sandbox.
    QDir().mkpath(m_dir.filePath(u"aws"_s));
    QFile config(m_dir.filePath(u"aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile empty]\nregion = eu-west-1\n");
    config.close();
    openWindow({ConnectionChoice::awsProfile(u"empty"_s), {}, {}});
    QVERIFY(!m_window->isShowingTable());
    QVERIFY2(m_window->emptyStateText().contains(u"No AWS credentials"_s), qPrintable(m_window->emptyStateText()));
    QVERIFY(m_window->emptyStateText().contains(u"aws configure"_s));
    auto *button = m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s);
    QCOMPARE(button->text(), u"Use the Local sandbox"_s);
    QVERIFY(!m_window->findChild<QAction *>(u"newSessionAction"_s)->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    waitForListing();
    QVERIFY(m_window->isShowingTable());
    QCOMPARE(combo(u"profileCombo"_s)->currentText(), u"Local sandbox"_s);
    QFile::remove(m_dir.filePath(u"aws/config"_s));
}

void TestMainWindow::unreachableAndDeniedExplainThemselves()
{
    // Nothing listens on the port of a server that was just closed.
    const quint16 closedPort = testing::unusedLoopbackPort();
    QVERIFY(closedPort != 0);
    const QString closed = u"http://127.0.0.1:%1"_s.arg(closedPort);
    const aws::Environment keys{{u"AWS_ACCESS_KEY_ID"_s, u"LOCALNOTAREALKEY0001"_s}, {u"AWS_SECRET_ACCESS_KEY"_s, u"nope"_s}};
    openWindow({ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, closed), {}, {}}, keys);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"The endpoint cannot be reached"_s), qPrintable(m_window->emptyStateText() + u" / "_s + m_window->statusErrorText()), 20000);
    QVERIFY(m_window->emptyStateText().contains(u"Connection refused"_s));
    QCOMPARE(m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s)->text(), u"Retry"_s);
    cleanup();

    // The sandbox refuses keys it does not know: said as what it is.
    local::EndpointOptions endpointOptions;
    endpointOptions.inMemory = true;
    local::LocalEndpoint endpoint(endpointOptions);
    QVERIFY(endpoint.start().ok());
    openWindow({ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, endpoint.url().toString()), {}, {}}, keys);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->emptyStateText().contains(u"The access key is not known"_s), 20000);
    QVERIFY(m_window->emptyStateText().contains(u"UnrecognizedClientException"_s));
    cleanup();

    // The right key with the wrong secret: the secret does not match.
    const aws::Environment wrongSecret{{u"AWS_ACCESS_KEY_ID"_s, endpoint.credentials().accessKeyId},
                                       {u"AWS_SECRET_ACCESS_KEY"_s, u"not-the-secret"_s}};
    openWindow({ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, endpoint.url().toString()), {}, {}}, wrongSecret);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"The secret key does not match"_s),
                              qPrintable(m_window->emptyStateText()), 20000);
}

void TestMainWindow::settingsAreRestored()
{
    openWindow();
    waitForListing();
    QComboBox *wg = combo(u"workGroupCombo"_s);
    wg->setCurrentIndex(wg->findData(u"spark-ml"_s));
    Q_EMIT wg->activated(wg->currentIndex());
    QComboBox *filter = combo(u"filterCombo"_s);
    filter->setCurrentIndex(filter->findData(u"all"_s));
    Q_EMIT filter->activated(filter->currentIndex());
    QComboBox *interval = combo(u"autoRefreshCombo"_s);
    interval->setCurrentIndex(interval->findData(30));
    Q_EMIT interval->activated(interval->currentIndex());
    m_window->resize(1234, 777);
    QHeaderView *header = m_window->table()->horizontalHeader();
    header->resizeSection(SessionTableModel::DescriptionColumn, 333);
    header->moveSection(header->visualIndex(SessionTableModel::WorkGroupColumn), 0);
    m_window->close();
    cleanup();

    openWindow({ConnectionChoice::sandbox(), {}, {}});
    waitForListing();
    QCOMPARE(combo(u"workGroupCombo"_s)->currentData().toString(), u"spark-ml"_s);
    QCOMPARE(combo(u"filterCombo"_s)->currentData().toString(), u"all"_s);
    QCOMPARE(combo(u"autoRefreshCombo"_s)->currentData().toInt(), 30);
    QCOMPARE(m_dashboard->autoRefreshSeconds(), 30);
    QCOMPARE(m_dashboard->workGroup(), u"spark-ml"_s);
    QCOMPARE(m_window->size(), QSize(1234, 777));
    QCOMPARE(m_window->table()->horizontalHeader()->sectionSize(SessionTableModel::DescriptionColumn), 333);
    QCOMPARE(m_window->table()->horizontalHeader()->visualIndex(SessionTableModel::WorkGroupColumn), 0);
    for (int r = 0; r < visibleRows(); ++r)
        QCOMPARE(m_window->table()->model()->index(r, SessionTableModel::WorkGroupColumn).data().toString(), u"spark-ml"_s);
}

void TestMainWindow::staysResponsiveUnderFaultsAndRecovers()
{
    // Most attempts fail (500s, throttling, drops, latency) while the user works: with three attempts
    // per call, about a third of the calls fail for good, so an error shows within a few passes
    // (the chance that 20 passes show none is below 1e-9).
    Dashboard::Options options = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    options.sandboxFaults = {local::FaultRule::parse(u"error=0.5,throttle=0.1,drop=0.1,latency=0-40"_s).value()};
    m_dashboard = std::make_unique<Dashboard>(options);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTimer heartbeat;
    QElapsedTimer beat;
    qint64 maxGap = 0;
    connect(&heartbeat, &QTimer::timeout, this, [&] { maxGap = std::max(maxGap, beat.restart()); });
    beat.start();
    heartbeat.start(5);
    m_window->start({ConnectionChoice::sandbox(), {}, {}});
    QSignalSpy finished(m_dashboard.get(), &Dashboard::loadingFinished);
    QSignalSpy errors(m_dashboard.get(), &Dashboard::errorOccurred);
    for (int i = 0; i < 20 && errors.isEmpty(); ++i) {
        const qsizetype before = finished.size() + errors.size();
        if (i > 0)
            QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() + errors.size() > before, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading(), 30000);
    }
    QVERIFY2(!errors.isEmpty(), "the faults never showed");
    // And the window says so: in the status bar, or in its place of the table.
    QVERIFY(!m_window->statusErrorText().isEmpty() || !m_window->isShowingTable());
    QVERIFY2(maxGap < 250, qPrintable(u"the window froze for %1 ms"_s.arg(maxGap)));

    // The faults stop; one refresh (as the Retry button does) brings everything back.
    m_dashboard->setSandboxFaults({});
    m_window->findChild<QAction *>(u"refreshAction"_s)->trigger(); // what the Retry button does
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->workGroupsLoaded() && !m_dashboard->isLoading() && visibleRows() > 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isShowingTable(), 10000);
    m_window->findChild<QAction *>(u"refreshAction"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading(), 30000);
    QCOMPARE(m_window->statusErrorText(), QString());
}


namespace {
// Fills the start dialog with a description and submits it.
StartSessionDialog *submitStart(MainWindow *window, const QString &description)
{
    StartSessionDialog *dialog = window->openStartDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"descriptionEdit"_s), description);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    return dialog;
}

int rowWithDescription(const SessionTableModel *model, const QString &description)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->summaryAt(r).description == description)
            return r;
    }
    return -1;
}
} // namespace

void TestMainWindow::closingTheStartDialogKeepsTheStartedSession()
{
    // StartSession takes a second; the user closes the dialog while it says "Starting…". The
    // session starts on the service all the same: it must reach the table and be followed.
    Dashboard::Options options = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    options.sandboxFaults = {local::FaultRule::parse(u"StartSession:latency=1000-1000"_s).value()};
    m_dashboard = std::make_unique<Dashboard>(options);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->start({ConnectionChoice::sandbox(), {}, {}});
    waitForListing();
    QPointer<StartSessionDialog> dialog = submitStart(m_window.get(), u"closed while starting"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isSubmitting());
    dialog->reject();
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(rowWithDescription(m_dashboard->model(), u"closed while starting"_s) >= 0, 15000);
    const QString id = m_dashboard->model()->sessionIdAt(rowWithDescription(m_dashboard->model(), u"closed while starting"_s));
    // Followed to IDLE by the poller, and notified.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"IDLE"_s, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->notifier()->history().join(u'\n').contains(u"Session ready"_s), 5000);
}

void TestMainWindow::switchingConnectionEndsAStartInFlight()
{
    // A profile on a standalone endpoint whose StartSession takes 5 s; the user switches to the
    // sandbox meanwhile, which destroys the profile's transport. The dialog must not stay on
    // "Starting…": it hears that the call ended, and that the session may exist.
    local::EndpointOptions endpointOptions;
    endpointOptions.inMemory = true;
    endpointOptions.faults = {local::FaultRule::parse(u"StartSession:latency=5000-5000"_s).value()};
    local::LocalEndpointThread endpoint(endpointOptions);
    QVERIFY(endpoint.start().ok());
    const aws::Environment keys{{u"AWS_ACCESS_KEY_ID"_s, endpoint.credentials().accessKeyId},
                                {u"AWS_SECRET_ACCESS_KEY"_s, endpoint.credentials().secretAccessKey}};
    openWindow({ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, endpoint.url().toString()), {}, {}}, keys);
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->workGroupsLoaded() && !m_dashboard->isLoading(), 20000);
    const quint64 sentBefore = m_dashboard->requestsSent();
    QPointer<StartSessionDialog> dialog = submitStart(m_window.get(), u"switched away"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isSubmitting());
    QTRY_VERIFY(m_dashboard->requestsSent() > sentBefore); // StartSession is on its way
    QVERIFY(m_dashboard->connectTo(ConnectionChoice::sandbox()).ok());
    auto *banner = dialog->findChild<QLabel *>(u"serviceErrorLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSubmitting(), 2000);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"connection it used was closed"_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"may have reached the service"_s), qPrintable(banner->text()));
    // Nothing of the old connection's start landed in the sandbox's table (its callback has run).
    QCOMPARE(rowWithDescription(m_dashboard->model(), u"switched away"_s), -1);
    dialog->reject();
}

void TestMainWindow::silentEndpointShowsElapsedTimeAndCancel()
{
    // An endpoint that accepts and never answers: the window says how long it has waited from
    // the first second, and Cancel ends the wait with a way to try again.
    testing::ScriptedHttpServer silent;
    QVERIFY(silent.listen());
    silent.fallback = testing::ScriptedHttpServer::Action::hang();
    const aws::Environment keys{{u"AWS_ACCESS_KEY_ID"_s, u"LOCALNOTAREALKEY0001"_s}, {u"AWS_SECRET_ACCESS_KEY"_s, u"nope"_s}};
    openWindow({ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, u"http://127.0.0.1:%1"_s.arg(silent.port())), {}, {}},
               keys);
    auto *cancel = m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->emptyStateText().contains(u"Loading sessions"_s), 5000);
    QVERIFY(cancel->isVisible());
    QCOMPARE(cancel->text(), u"Cancel"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"No answer yet after 2 s"_s),
                              qPrintable(m_window->emptyStateText()), 5000);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"cancelled"_s), qPrintable(m_window->emptyStateText()), 5000);
    QCOMPARE(cancel->text(), u"Retry"_s);
}

void TestMainWindow::tabLeavesTheTableAndEscapeClearsTheSearch()
{
    openWindow();
    waitForListing();
    QTableView *table = m_window->table();
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    table->selectRow(0);
    const QStringList selected = m_window->selectedSessionIds();
    QTest::keyClick(table, Qt::Key_Tab);
    QVERIFY(!table->hasFocus()); // focus moved on, not to the next cell
    QCOMPARE(m_window->selectedSessionIds(), selected);

    auto *search = m_window->findChild<QLineEdit *>(u"searchEdit"_s);
    search->setFocus();
    QTest::keyClicks(search, u"zzz-no-such"_s);
    QVERIFY(!search->text().isEmpty());
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
