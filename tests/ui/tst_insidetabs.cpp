// The detail pane's tabs for what runs inside a session, offscreen against the in-process
// sandbox: code run on an IDLE session is followed QUEUED/RUNNING → COMPLETED while the session
// goes BUSY and IDLE again; a running one is stopped (CANCELED); executors come with the load and
// leave; a refused submit keeps the text; the Spark Connect URL is copied and its token is never
// shown or logged, and copied only on request.
#include "dashboard/dashboard.h"
#include "sessions/sessioninside.h"
#include "sessions/sessiontablemodel.h"
#include "support/guitestsupport.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using athena::CalculationState;
using athena::SessionState;

namespace {
QStringList g_log; // every message any category wrote while the test ran
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_log << message;
    if (g_previous && type != QtDebugMsg) // captured, not printed: the output stays readable
        g_previous(type, context, message);
}
} // namespace

class TestInsideTabs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void runCodeIsFollowedAndTheSessionGoesBusyThenIdle();
    void stopARunningCalculationAndExecutorsComeAndGo();
    void refusedSubmitKeepsTheText();
    void connectCopiesTheUrlAndNeverShowsTheToken();

private:
    void openWindowOnIdleSession();
    template <typename T>
    T *child(const QString &name) const
    {
        T *w = m_window->findChild<T *>(name);
        if (!w)
            qWarning("no child %s", qPrintable(name));
        return w;
    }
    QString calculationState(int row) const
    {
        return m_inside->calculations()->data(m_inside->calculations()->index(row, 0)).toString();
    }
    std::optional<SessionState> sessionState() const
    {
        const auto d = m_dashboard->model()->detailsOf(m_session);
        return d ? d->status.state : std::nullopt;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Translations> m_translations;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<MainWindow> m_window;
    SessionInside *m_inside = nullptr;
    QString m_session;
};

void TestInsideTabs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_translations = std::make_unique<Translations>(QLocale(QLocale::English, QLocale::UnitedStates));
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    g_previous = qInstallMessageHandler(capture);
}

void TestInsideTabs::init()
{
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
    g_log.clear();
}

void TestInsideTabs::cleanup()
{
    m_window.reset();
    m_dashboard.reset();
}

void TestInsideTabs::openWindowOnIdleSession()
{
    Dashboard::Options options = testing::sandboxOptions(m_dir.filePath(u"aws"_s), 12);
    m_dashboard = std::make_unique<Dashboard>(options);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->resize(1400, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->start({ConnectionChoice::sandbox(), {}, {}});
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->workGroupsLoaded() && !m_dashboard->isLoading()
                                 && m_window->table()->model()->rowCount() > 0, 20000);
    m_inside = m_window->findChild<SessionInside *>();
    QVERIFY(m_inside);
    m_inside->setIntervals({100, 400, 2000});
    // An IDLE session of our own: started here, so nothing else runs in it.
    athena::StartSessionRequest request;
    request.workGroup = u"spark-analytics"_s;
    request.description = u"inside tabs"_s;
    request.engineConfiguration.maxConcurrentDpus = 9;
    bool done = false;
    m_dashboard->startSession(request, this, [&](const aws::Result<athena::StartSessionResult> &r) {
        QVERIFY(r.ok());
        m_session = r->sessionId;
        done = true;
    });
    QTRY_VERIFY(done);
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->model()->rowOf(m_session) >= 0, 10000);
    m_window->selectSession(m_session);
    QTRY_COMPARE_WITH_TIMEOUT(sessionState(), std::optional(SessionState::Idle), 15000);
    QTRY_COMPARE(m_inside->sessionId(), m_session);
}

void TestInsideTabs::runCodeIsFollowedAndTheSessionGoesBusyThenIdle()
{
    openWindowOnIdleSession();
    auto *pane = m_window->detailPane();
    pane->showTab(DetailPane::Tab::RunCode);
    auto *editor = child<QPlainTextEdit>(u"runCodeEdit"_s);
    QVERIFY(editor->isVisible());
    QTRY_VERIFY(child<QPushButton>(u"runButton"_s)->isEnabled() == false); // nothing typed yet
    editor->setFocus();
    for (const QString &line : {u"import time"_s, u"time.sleep(6)"_s, u"print(spark.range(10).count())"_s}) {
        QTest::keyClicks(editor, line);
        QTest::keyClick(editor, Qt::Key_Return);
    }
    QTRY_VERIFY(child<QPushButton>(u"runButton"_s)->isEnabled());

    // Every state the row and the session pass through, as the window shows them.
    QStringList calculationStates;
    QList<SessionState> sessionStates;
    connect(m_inside->calculations(), &QAbstractItemModel::dataChanged, this, [&] {
        if (m_inside->calculations()->rowCount() && !calculationStates.contains(calculationState(0)))
            calculationStates << calculationState(0);
    });
    connect(m_dashboard->model(), &QAbstractItemModel::dataChanged, this, [&] {
        if (const auto s = sessionState(); s && (sessionStates.isEmpty() || sessionStates.last() != *s))
            sessionStates << *s;
    });
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    // The pane follows it in the Calculations tab.
    QTRY_COMPARE(child<QTabWidget>(u"detailTabs"_s)->currentWidget()->objectName(), u"calculationsTab"_s);
    QTRY_COMPARE(m_inside->calculations()->rowCount(), 1);
    QVERIFY(editor->toPlainText().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(calculationState(0), u"COMPLETED"_s, 20000);
    QVERIFY2(calculationStates.contains(u"RUNNING"_s), qPrintable(calculationStates.join(u", "_s)));
    QVERIFY2(calculationStates.contains(u"QUEUED"_s) || calculationStates.contains(u"CREATING"_s),
             qPrintable(calculationStates.join(u", "_s)));
    QTRY_COMPARE_WITH_TIMEOUT(sessionState(), std::optional(SessionState::Idle), 15000);
    QVERIFY2(sessionStates.contains(SessionState::Busy), "the session was never seen BUSY");
    // Its code, highlighted and read-only, and where its results are.
    auto *code = child<QPlainTextEdit>(u"calculationCodeView"_s);
    QTRY_VERIFY(code->toPlainText().contains(u"time.sleep(6)"_s));
    QVERIFY(code->isReadOnly());
    auto *result = child<QLineEdit>(u"resultUriEdit"_s);
    QTRY_VERIFY(result->text().startsWith(u"s3://"_s));
    QTest::mouseClick(child<QWidget>(u"resultUriCopyButton"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), result->text());
    QVERIFY(!child<QPushButton>(u"stopCalculationButton"_s)->isEnabled());
    QVERIFY(m_inside->calculations()->data(m_inside->calculations()->index(0, CalculationListModel::DpuHoursColumn)).toString() != QString());
}

void TestInsideTabs::stopARunningCalculationAndExecutorsComeAndGo()
{
    openWindowOnIdleSession();
    auto *pane = m_window->detailPane();
    pane->showTab(DetailPane::Tab::Executors);
    QTRY_COMPARE(m_inside->executors()->liveCount(), 1); // the coordinator
    const qint64 idleDpus = m_inside->executors()->dpusInUse();
    QSignalSpy submitted(m_inside, &SessionInside::submitted);
    m_inside->runCode(u"time.sleep(600)"_s, u"long"_s);
    QTRY_COMPARE(submitted.size(), 1);
    // The pane follows a submitted calculation in the Calculations tab; back to the executors.
    QTRY_COMPARE(child<QTabWidget>(u"detailTabs"_s)->currentWidget()->objectName(), u"calculationsTab"_s);
    pane->showTab(DetailPane::Tab::Executors);
    // Workers come with the load: more DPUs in use than the coordinator's.
    QTRY_VERIFY_WITH_TIMEOUT(m_inside->executors()->dpusInUse() > idleDpus, 20000);
    QVERIFY(child<QLabel>(u"dpusNowLabel"_s)->text().contains(u"DPUs in use now"_s));
    QVERIFY(m_inside->dpuHistory().peak() > idleDpus);
    // Stop it from the Calculations tab.
    pane->showTab(DetailPane::Tab::Calculations);
    QTRY_COMPARE_WITH_TIMEOUT(calculationState(0), u"RUNNING"_s, 20000);
    auto *stop = child<QPushButton>(u"stopCalculationButton"_s);
    QTRY_VERIFY(stop->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(calculationState(0), u"CANCELED"_s, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(sessionState(), std::optional(SessionState::Idle), 15000);
    // The workers leave again.
    pane->showTab(DetailPane::Tab::Executors);
    QTRY_COMPARE_WITH_TIMEOUT(m_inside->executors()->dpusInUse(), idleDpus, 30000);
    QVERIFY(m_inside->executors()->rowCount() > m_inside->executors()->liveCount()); // ended ones listed
}

void TestInsideTabs::refusedSubmitKeepsTheText()
{
    openWindowOnIdleSession();
    m_window->detailPane()->showTab(DetailPane::Tab::RunCode);
    auto *editor = child<QPlainTextEdit>(u"runCodeEdit"_s);
    const QString tooLong = u"x = 1\n"_s + QString(68000, u'#');
    editor->setPlainText(tooLong);
    QTRY_VERIFY(child<QPushButton>(u"runButton"_s)->isEnabled());
    QTest::mouseClick(child<QPushButton>(u"runButton"_s), Qt::LeftButton);
    QTRY_VERIFY(child<QLabel>(u"runMessage"_s)->text().startsWith(u"Not submitted"_s));
    QVERIFY2(child<QLabel>(u"runMessage"_s)->text().contains(u"68000"_s), qPrintable(child<QLabel>(u"runMessage"_s)->text()));
    QCOMPARE(editor->toPlainText(), tooLong);
    QCOMPARE(m_inside->calculations()->rowCount(), 0);
    // An ended session cannot run code: the button says no before anything is sent.
    m_dashboard->terminateSessions({m_session});
    QTRY_VERIFY_WITH_TIMEOUT(sessionState() == SessionState::Terminated, 20000);
    QTRY_VERIFY(!child<QPushButton>(u"runButton"_s)->isEnabled());
    QVERIFY(child<QLabel>(u"runMessage"_s)->text().contains(u"ended"_s));
}

void TestInsideTabs::connectCopiesTheUrlAndNeverShowsTheToken()
{
    openWindowOnIdleSession();
    m_window->detailPane()->showTab(DetailPane::Tab::Connect);
    QSignalSpy ready(m_inside, &SessionInside::endpointReady);
    QTest::mouseClick(child<QPushButton>(u"fetchEndpointButton"_s), Qt::LeftButton);
    QTRY_COMPARE(ready.size(), 1);
    const auto endpoint = ready.at(0).at(0).value<athena::SessionEndpoint>();
    QVERIFY(endpoint.authToken.size() >= 16);
    auto *url = child<QLineEdit>(u"endpointUrlEdit"_s);
    QCOMPARE(url->text(), endpoint.endpointUrl);
    QVERIFY(url->text().contains(m_session));
    QVERIFY(child<QLabel>(u"tokenExpiryLabel"_s)->text().contains(u"expires"_s));
    QTest::mouseClick(child<QPushButton>(u"copyUrlButton"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), endpoint.endpointUrl);
    // The token is in no text the window shows, and in no log line.
    for (const QLabel *label : m_window->findChildren<QLabel *>())
        QVERIFY2(!label->text().contains(endpoint.authToken), qPrintable(label->objectName()));
    for (const QLineEdit *edit : m_window->findChildren<QLineEdit *>())
        QVERIFY2(!edit->text().contains(endpoint.authToken), qPrintable(edit->objectName()));
    QVERIFY(!g_log.isEmpty()); // the capture works: debug output was written
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(endpoint.authToken), "the auth token reached a log line");
    // Copied only when asked for.
    QTest::mouseClick(child<QPushButton>(u"copyTokenButton"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), endpoint.authToken);
}

QTEST_MAIN(TestInsideTabs)
#include "tst_insidetabs.moc"
