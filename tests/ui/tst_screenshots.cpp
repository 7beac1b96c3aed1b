// Saves screenshots of what a user sees, for review and for README: the main window in a light
// and a dark palette, the start dialog showing a service error, and the detail pane.
// Files go to $ATHENA_SCREENSHOT_DIR (the build tree's screenshots/).
#include "ui/detailpane.h"
#include "sessions/sessioninside.h"
#include "support/guitestsupport.h"
#include "ui/mainwindow.h"
#include "ui/keyvaluetable.h"
#include "ui/startsessiondialog.h"
#include "ui/tablelive.h"
#include "ui/translations.h"

#include <QCheckBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyleFactory>
#include <QTableView>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe8, 0xea, 0xed), highlight(0x3d, 0x6d, 0xcc);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x86, 0x8b));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x86, 0x8b));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x86, 0x8b));
    return p;
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void mainWindowLight();
    void mainWindowDark();
    void dialogWithServiceError();
    void detailPane();
    void insideTabs();
    void sizesThemesAndLanguages_data();
    void sizesThemesAndLanguages();

private:
    void openWindow(QSize size = QSize(1400, 800));
    void save(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    QString m_out;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<MainWindow> m_window;
};

void TestScreenshots::initTestCase()
{
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
    m_out = qEnvironmentVariable("ATHENA_SCREENSHOT_DIR", m_dir.filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(m_out));
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
}

void TestScreenshots::cleanup()
{
    m_window.reset();
    m_dashboard.reset();
    QApplication::setPalette(QApplication::style()->standardPalette());
}

void TestScreenshots::openWindow(QSize size)
{
    m_dashboard = std::make_unique<Dashboard>(testing::sandboxOptions(m_dir.filePath(u"aws"_s), 60));
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->start({ConnectionChoice::sandbox(), {}, {}});
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->workGroupsLoaded() && !m_dashboard->isLoading()
                                 && m_window->table()->model()->rowCount() > 0, 20000);
    // A selected session with its details, so the pane is filled.
    m_window->table()->selectRow(1);
    const QString selected = m_window->selectedSessionIds().value(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->lastUpdated(selected).isValid(), 10000); // its details are in (any language)
    // The rows in view have their DPU-hours, and the status bar's totals count them.
    QList<int> all;
    for (int r = 0; r < m_dashboard->model()->rowCount(); ++r)
        all << r;
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->model()->totals(all).known >= std::min(8, int(all.size())), 10000);
    m_window->findChild<TableLive *>()->update();
}

void TestScreenshots::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_out).filePath(name);
    const QImage image = widget->grab().toImage();
    QVERIFY(image.width() > 200 && image.height() > 150);
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("saved %s (%dx%d)", qPrintable(path), image.width(), image.height());
}

void TestScreenshots::mainWindowLight()
{
    openWindow();
    save(m_window.get(), u"main-window.png"_s);
}

void TestScreenshots::mainWindowDark()
{
    QApplication::setPalette(darkPalette());
    openWindow();
    // The state colours adapt to the palette: lighter on dark.
    const QModelIndex state = m_window->table()->model()->index(0, SessionTableModel::StateColumn);
    const QColor c = state.data(Qt::ForegroundRole).value<QColor>();
    QVERIFY2(c.lightness() > 110, qPrintable(c.name()));
    save(m_window.get(), u"main-window-dark.png"_s);
}

void TestScreenshots::dialogWithServiceError()
{
    openWindow();
    StartSessionDialog *dialog = m_window->openStartDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->findChild<QLineEdit *>(u"descriptionEdit"_s)->setText(u"Weekly churn features"_s);
    dialog->findChild<QLineEdit *>(u"maxDpusEdit"_s)->setText(u"4000"_s); // past the workgroup's DPU quota
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QLabel *>(u"serviceErrorLabel"_s)->isVisible(), 10000);
    save(dialog, u"start-session-dialog-error.png"_s);
    // The Advanced section open, with a field error beside its field.
    QTest::mouseClick(dialog->findChild<QToolButton *>(u"advancedToggle"_s), Qt::LeftButton);
    dialog->findChild<QLineEdit *>(u"executionRoleEdit"_s)->setText(u"spark-role"_s);
    dialog->findChild<QCheckBox *>(u"s3LoggingCheck"_s)->setChecked(true);
    dialog->findChild<QLineEdit *>(u"s3LocationEdit"_s)->setText(u"s3://team-logs/athena/"_s);
    dialog->findChild<KeyValueTable *>(u"tagsTable"_s)->setPairs({{u"team"_s, u"churn"_s}});
    dialog->resize(dialog->width(), 690);
    auto *scroll = dialog->findChild<QScrollArea *>(u"startSessionScroll"_s);
    QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
    auto *location = dialog->findChild<QLineEdit *>(u"s3LocationEdit"_s);
    QTRY_VERIFY(location->isVisible() && location->height() > 0);
    scroll->ensureWidgetVisible(location);
    save(dialog, u"start-session-dialog-advanced.png"_s);
    dialog->reject();
}

void TestScreenshots::detailPane()
{
    openWindow();
    save(m_window->detailPane(), u"detail-pane.png"_s);
}

void TestScreenshots::insideTabs()
{
    // A session of our own with work in it: one calculation done, one running, workers up.
    openWindow();
    auto *inside = m_window->findChild<SessionInside *>();
    inside->setIntervals({100, 400, 2000});
    athena::StartSessionRequest request;
    request.workGroup = u"spark-analytics"_s;
    request.description = u"Churn features"_s;
    request.engineConfiguration.maxConcurrentDpus = 12;
    QString id;
    m_dashboard->startSession(request, this, [&id](const aws::Result<athena::StartSessionResult> &r) { id = r.ok() ? r->sessionId : u"-"_s; });
    QTRY_VERIFY(!id.isEmpty() && id != u"-"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->model()->rowOf(id) >= 0, 10000);
    QVERIFY(m_window->selectSession(id));
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->model()->detailsOf(id) && m_dashboard->model()->detailsOf(id)->status.state
                                 == athena::SessionState::Idle, 15000);
    m_window->findChild<QSplitter *>(u"mainSplitter"_s)->setSizes({700, 700});
    auto *pane = m_window->detailPane();
    pane->showTab(DetailPane::Tab::RunCode);
    QSignalSpy submitted(inside, &SessionInside::submitted);
    inside->runCode(u"df = spark.read.parquet(\"s3://example-data/events/\")\nprint(df.count())  # about 2 s\nimport time; time.sleep(2)"_s,
                    u"Count events"_s);
    QTRY_COMPARE(submitted.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!inside->calculations()->anyUnfinished(), 20000);
    inside->runCode(u"from pyspark.sql import functions as F\n\n# Weekly churn features per customer\nfeatures = (spark.table(\"events\")\n"
                    "    .groupBy(\"customer_id\", F.window(\"ts\", \"7 days\"))\n    .agg(F.count(\"*\").alias(\"events\")))\n"
                    "features.write.mode(\"overwrite\").saveAsTable(\"churn_features\")\ntime.sleep(900)"_s,
                    u"Weekly churn features"_s);
    QTRY_COMPARE(submitted.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(inside->calculations()->data(inside->calculations()->index(0, 0)).toString() == u"RUNNING"_s, 20000);
    QTRY_VERIFY(!inside->selectedCode().isEmpty());
    save(m_window.get(), u"tab-calculations.png"_s);
    pane->showTab(DetailPane::Tab::Executors);
    QTRY_VERIFY_WITH_TIMEOUT(inside->executors()->liveCount() >= 8, 20000);
    QTRY_VERIFY(!inside->dpuHistory().points().isEmpty()); // steps only if a poll saw the ramp: it may be done when the tab opens
    save(m_window.get(), u"tab-executors.png"_s);
    pane->showTab(DetailPane::Tab::RunCode);
    m_window->findChild<QPlainTextEdit *>(u"runCodeEdit"_s)->setPlainText(u"# Ctrl+Enter runs it in the session\nspark.range(1000).selectExpr(\"sum(id)\").show()"_s);
    save(m_window.get(), u"tab-run-code.png"_s);
    pane->showTab(DetailPane::Tab::Connect);
    QSignalSpy endpoint(inside, &SessionInside::endpointReady);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"fetchEndpointButton"_s), Qt::LeftButton);
    QTRY_COMPARE(endpoint.size(), 1);
    save(m_window.get(), u"tab-connect.png"_s);
}

void TestScreenshots::sizesThemesAndLanguages_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QString>("language");
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        const QString s = u"%1x%2"_s.arg(size.width()).arg(size.height());
        QTest::newRow(qPrintable(u"light-en-"_s + s)) << size << false << u"en"_s;
        QTest::newRow(qPrintable(u"dark-en-"_s + s)) << size << true << u"en"_s;
        QTest::newRow(qPrintable(u"light-de-"_s + s)) << size << false << u"de"_s;
    }
}

void TestScreenshots::sizesThemesAndLanguages()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(QString, language);
    const Translations translations{QLocale(language)};
    if (dark)
        QApplication::setPalette(darkPalette());
    openWindow(size);
    // Every frame fits: the window is no wider than asked (nothing forces a larger minimum).
    QCOMPARE(m_window->width(), size.width());
    save(m_window.get(), u"window-%1-%2-%3x%4.png"_s.arg(dark ? u"dark"_s : u"light"_s, language)
                             .arg(size.width()).arg(size.height()));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
