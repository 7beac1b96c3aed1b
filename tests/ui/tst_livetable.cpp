// The table as a window left open all day: live without the user doing anything, DPU-hours and
// cost on every row in view, totals and a count that match the rows shown.
#include "dashboard/dashboard.h"
#include "local/localendpoint.h"
#include "sessions/sessiontablemodel.h"
#include "support/guitestsupport.h"
#include "ui/mainwindow.h"
#include "ui/detailpane.h"
#include "ui/sessiontableview.h"
#include "ui/tablelive.h"
#include "ui/translations.h"
#include "ui/windowsettings.h"
#include "ui/windowstatusbar.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using athena::SessionState;

class TestLiveTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void liveByDefault();
    void sessionEndedElsewhereLeavesTheTable();
    void everyRowInViewHasDpuHoursAndCost();
    void countAndTotalsMatchTheRowsShown();
    void selectionSurvivesSearchFilterAndSort();
    void columnsCanBeHiddenAndFitTheirTitles();
    void detailPaneToggleAndPluralActions();
    void profileAndRegionShowWhatIsInEffect();
    void sandboxBannerExplainsAndStaysDismissed();
    void brokenConfigSaysWhereAndKeepsTheProfiles();
    void priceChangesEveryCostAndThePaneStartsAtTheTop();

private:
    void openWindow(const ConnectionChoice &choice, const aws::Environment &env = {});
    QStringList rowsInView() const { return m_window->findChild<TableLive *>()->sessionsInView(); }

    QTemporaryDir m_dir;
    std::unique_ptr<Translations> m_translations;
    std::unique_ptr<local::LocalEndpointThread> m_endpoint;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<MainWindow> m_window;
};

void TestLiveTable::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_translations = std::make_unique<Translations>(QLocale(QLocale::English, QLocale::UnitedStates)); // as main() does
}

void TestLiveTable::init()
{
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
}

void TestLiveTable::cleanup()
{
    m_window.reset();
    m_dashboard.reset();
    m_endpoint.reset();
}

void TestLiveTable::openWindow(const ConnectionChoice &choice, const aws::Environment &env)
{
    Dashboard::Options options = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    options.env.insert(env);
    m_dashboard = std::make_unique<Dashboard>(options);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->resize(1280, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->start({choice, {}, {}});
    QTRY_VERIFY_WITH_TIMEOUT(m_dashboard->workGroupsLoaded() && !m_dashboard->isLoading()
                                 && m_window->table()->model()->rowCount() > 0, 20000);
}

void TestLiveTable::liveByDefault()
{
    // A first start, nothing saved: the list refreshes by itself, every minute.
    QCOMPARE(WindowSettings::savedScope().autoRefreshSeconds, 60);
    openWindow(ConnectionChoice::sandbox());
    QCOMPARE(m_dashboard->autoRefreshSeconds(), 60);
    QCOMPARE(m_window->findChild<QComboBox *>(u"autoRefreshCombo"_s)->currentData().toInt(), 60);
}

void TestLiveTable::sessionEndedElsewhereLeavesTheTable()
{
    // A standalone endpoint; the window lists its active sessions. Another client (the console, a
    // colleague) terminates one; without any action here it leaves the Active view.
    local::EndpointOptions endpointOptions;
    endpointOptions.inMemory = true;
    endpointOptions.seedSessions = 12;
    endpointOptions.seedActiveShare = 1.0;
    endpointOptions.engine.timeScale = 20;
    m_endpoint = std::make_unique<local::LocalEndpointThread>(endpointOptions);
    QVERIFY(m_endpoint->start().ok());
    const aws::Environment keys{{u"AWS_ACCESS_KEY_ID"_s, m_endpoint->credentials().accessKeyId},
                                {u"AWS_SECRET_ACCESS_KEY"_s, m_endpoint->credentials().secretAccessKey}};
    const ConnectionChoice choice = ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, m_endpoint->url().toString());
    openWindow(choice, keys);
    m_dashboard->setAutoRefreshSeconds(0); // only the rows in view keep it live
    QTRY_VERIFY(!rowsInView().isEmpty());
    QString victim;
    for (const QString &id : rowsInView()) {
        const auto state = m_dashboard->model()->summaryAt(m_dashboard->model()->rowOf(id)).status.state;
        if (state == SessionState::Idle || state == SessionState::Busy)
            victim = id;
    }
    QVERIFY(!victim.isEmpty());

    Dashboard::Options otherOptions = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    otherOptions.env.insert(keys);
    Dashboard elsewhere(otherOptions);
    QVERIFY(elsewhere.connectTo(choice).ok());
    QSignalSpy terminated(&elsewhere, &Dashboard::terminateFinished);
    elsewhere.terminateSessions({victim});
    QTRY_COMPARE_WITH_TIMEOUT(terminated.size(), 1, 10000);
    QVERIFY(terminated.first().at(1).toBool());

    // Within the in-view interval (1 s here, 30 s by default) plus the termination itself.
    const auto shownIds = [this] {
        QStringList ids;
        const QAbstractItemModel *shown = m_window->table()->model();
        for (int r = 0; r < shown->rowCount(); ++r)
            ids << shown->index(r, 0).data(SessionTableModel::SessionIdRole).toString();
        return ids;
    };
    QVERIFY(shownIds().contains(victim));
    QTRY_VERIFY_WITH_TIMEOUT(!shownIds().contains(victim), 15000);
    const int row = m_dashboard->model()->rowOf(victim);
    QVERIFY(row < 0 || m_dashboard->model()->summaryAt(row).status.state == SessionState::Terminated
            || m_dashboard->model()->summaryAt(row).status.state == SessionState::Terminating);
}

void TestLiveTable::everyRowInViewHasDpuHoursAndCost()
{
    openWindow(ConnectionChoice::sandbox());
    const QStringList inView = rowsInView();
    QVERIFY(inView.size() >= 5);
    SessionTableModel *model = m_dashboard->model();
    for (const QString &id : inView) {
        QTRY_VERIFY2_WITH_TIMEOUT(!model->index(model->rowOf(id), SessionTableModel::DpuHoursColumn).data().toString().isEmpty(),
                                  qPrintable(id), 15000);
        QVERIFY(model->index(model->rowOf(id), SessionTableModel::CostColumn).data().toString().startsWith(u'$'));
    }
    // Never more than the in-view budget at once.
    QVERIFY(m_dashboard->poller()->inViewInFlight() <= m_dashboard->poller()->intervals().maxInViewInFlight);
    // An IDLE row in view says when the idle timeout ends it.
    for (const QString &id : inView) {
        if (model->summaryAt(model->rowOf(id)).status.state == SessionState::Idle)
            QVERIFY(!model->index(model->rowOf(id), SessionTableModel::TimeLeftColumn).data().toString().isEmpty());
    }
}

void TestLiveTable::countAndTotalsMatchTheRowsShown()
{
    openWindow(ConnectionChoice::sandbox());
    WindowStatusBar *status = m_window->windowStatusBar();
    const int loaded = m_dashboard->model()->rowCount();
    QAbstractItemModel *shown = m_window->table()->model();
    QTRY_COMPARE(status->countText(), u"%1 sessions"_s.arg(shown->rowCount()));
    // A search that leaves a few rows: the count says how many of how many.
    const QString id = shown->index(0, 0).data(SessionTableModel::SessionIdRole).toString();
    auto *search = m_window->findChild<QLineEdit *>(u"searchEdit"_s);
    search->setText(id.left(12));
    QTRY_COMPARE(status->countText(), u"%1 of %2 sessions"_s.arg(shown->rowCount()).arg(loaded));
    QTRY_VERIFY2(status->totalsText().contains(u"Shown: "_s), qPrintable(status->totalsText()));
    QTRY_VERIFY2_WITH_TIMEOUT(status->totalsText().contains(u"DPU-hours · $"_s), qPrintable(status->totalsText()), 10000);
    // Once the rows' details are in, the totals count them.
    QTRY_VERIFY2_WITH_TIMEOUT(!status->totalsText().contains(u"(0 of"_s), qPrintable(status->totalsText()), 10000);
    search->clear();
    QTRY_COMPARE(status->countText(), u"%1 sessions"_s.arg(shown->rowCount()));
}

void TestLiveTable::selectionSurvivesSearchFilterAndSort()
{
    openWindow(ConnectionChoice::sandbox());
    QTableView *table = m_window->table();
    QAbstractItemModel *shown = table->model();
    const QString id = shown->index(shown->rowCount() - 1, 0).data(SessionTableModel::SessionIdRole).toString();
    QVERIFY(m_window->selectSession(id));
    // A search that hides it, then none: selected again.
    auto *search = m_window->findChild<QLineEdit *>(u"searchEdit"_s);
    search->setText(u"zzz-nothing"_s);
    QVERIFY(m_window->selectedSessionIds().isEmpty());
    search->clear();
    QCOMPARE(m_window->selectedSessionIds(), QStringList{id});
    // Another state filter (a new listing), then back: selected again once it is listed.
    QComboBox *filter = m_window->findChild<QComboBox *>(u"filterCombo"_s);
    filter->setCurrentIndex(filter->findData(u"all"_s));
    Q_EMIT filter->activated(filter->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->isLoading() && m_window->selectedSessionIds() == QStringList{id}, 15000);
    // A re-sort keeps it and scrolls it into view.
    table->sortByColumn(SessionTableModel::SessionIdColumn, Qt::AscendingOrder);
    table->sortByColumn(SessionTableModel::SessionIdColumn, Qt::DescendingOrder);
    QCOMPARE(m_window->selectedSessionIds(), QStringList{id});
    QTRY_VERIFY(table->viewport()->rect().intersects(table->visualRect(table->currentIndex())));
}

void TestLiveTable::columnsCanBeHiddenAndFitTheirTitles()
{
    openWindow(ConnectionChoice::sandbox());
    auto *table = qobject_cast<SessionTableView *>(m_window->table());
    QHeaderView *header = table->horizontalHeader();
    const QFontMetrics titles(header->font());
    for (int c = 0; c < SessionTableModel::ColumnCount; ++c) {
        const QString title = table->model()->headerData(c, Qt::Horizontal).toString();
        if (c != header->logicalIndex(header->count() - 1)) // the last one stretches
            QVERIFY2(header->sectionSize(c) >= titles.horizontalAdvance(title), qPrintable(title));
    }
    QMenu *menu = table->columnMenu();
    QCOMPARE(menu->actions().size(), int(SessionTableModel::ColumnCount));
    QAction *notebook = nullptr;
    for (QAction *a : menu->actions()) {
        if (a->text() == table->model()->headerData(SessionTableModel::NotebookVersionColumn, Qt::Horizontal).toString())
            notebook = a;
        if (a->text() == table->model()->headerData(SessionTableModel::SessionIdColumn, Qt::Horizontal).toString())
            QVERIFY(!a->isEnabled()); // the ID always stays
    }
    QVERIFY(notebook && notebook->isChecked());
    notebook->trigger();
    QVERIFY(header->isSectionHidden(SessionTableModel::NotebookVersionColumn));
    delete menu;
}

void TestLiveTable::detailPaneToggleAndPluralActions()
{
    openWindow(ConnectionChoice::sandbox());
    QAction *toggle = m_window->findChild<QAction *>(u"showDetailPaneAction"_s);
    QVERIFY(m_window->detailPane()->isVisible());
    toggle->trigger();
    QVERIFY(!m_window->detailPane()->isVisible());
    toggle->trigger();
    QVERIFY(m_window->detailPane()->isVisible());
    // Hidden when the window closed: hidden at the next start.
    toggle->trigger();
    m_window->close();
    m_window.reset();
    m_dashboard.reset();
    openWindow(ConnectionChoice::sandbox());
    QVERIFY(!m_window->detailPane()->isVisible());
    m_window->findChild<QAction *>(u"showDetailPaneAction"_s)->trigger();
    QVERIFY(m_window->detailPane()->isVisible());
    QTableView *table = m_window->table();
    table->selectRow(0);
    QCOMPARE(m_window->findChild<QAction *>(u"copyIdAction"_s)->text(), u"&Copy session ID"_s);
    table->selectionModel()->select(table->model()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_window->findChild<QAction *>(u"copyIdAction"_s)->text(), u"&Copy session IDs"_s);
}

void TestLiveTable::profileAndRegionShowWhatIsInEffect()
{
    local::EndpointOptions endpointOptions;
    endpointOptions.inMemory = true;
    endpointOptions.seedSessions = 3;
    endpointOptions.seedActiveShare = 1.0;
    m_endpoint = std::make_unique<local::LocalEndpointThread>(endpointOptions);
    QVERIFY(m_endpoint->start().ok());
    // No region chosen in the window: AWS_REGION decides. Keys from the environment.
    const aws::Environment env{{u"AWS_ACCESS_KEY_ID"_s, m_endpoint->credentials().accessKeyId},
                               {u"AWS_SECRET_ACCESS_KEY"_s, m_endpoint->credentials().secretAccessKey},
                               {u"AWS_REGION"_s, u"us-east-1"_s}};
    openWindow(ConnectionChoice::awsProfile(u"default"_s, {}, m_endpoint->url().toString()), env);
    auto *region = m_window->findChild<QComboBox *>(u"regionCombo"_s);
    QCOMPARE(region->currentText(), QString());
    QCOMPARE(region->lineEdit()->placeholderText(), u"us-east-1"_s);
    QVERIFY2(region->toolTip().contains(u"AWS_REGION"_s), qPrintable(region->toolTip()));
    auto *profile = m_window->findChild<QComboBox *>(u"profileCombo"_s);
    QCOMPARE(profile->currentText(), u"default (keys from the environment)"_s);
}

void TestLiveTable::sandboxBannerExplainsAndStaysDismissed()
{
    openWindow(ConnectionChoice::sandbox());
    auto *banner = m_window->findChild<QWidget *>(u"sandboxBanner"_s);
    QVERIFY(banner->isVisible());
    QVERIFY(m_window->findChild<QLabel *>(u"sandboxBannerText"_s)->text().contains(u"Profile box"_s));
    QTest::mouseClick(m_window->findChild<QToolButton *>(u"sandboxBannerClose"_s), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    // The next start (same settings): not again.
    m_window.reset();
    m_dashboard.reset();
    openWindow(ConnectionChoice::sandbox());
    QVERIFY(!m_window->findChild<QWidget *>(u"sandboxBanner"_s)->isVisible());
}

void TestLiveTable::brokenConfigSaysWhereAndKeepsTheProfiles()
{
    QDir().mkpath(m_dir.filePath(u"aws"_s));
    QFile config(m_dir.filePath(u"aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write("[default]\nregion = us-east-1\n\n[profile dev]\nthis line is not a setting\n[profile prod]\nregion = eu-west-1\n");
    config.close();
    Dashboard::Options options = testing::sandboxOptions(m_dir.filePath(u"aws"_s));
    m_dashboard = std::make_unique<Dashboard>(options);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->start({ConnectionChoice::awsProfile(u"dev"_s), {}, {}});
    // The profiles still listed; the page says what is wrong and where, truthfully.
    auto *profile = m_window->findChild<QComboBox *>(u"profileCombo"_s);
    for (const QString &p : {u"default"_s, u"dev"_s, u"prod"_s})
        QVERIFY2(profile->findText(p) >= 0, qPrintable(p));
    QTRY_VERIFY2(m_window->emptyStateText().startsWith(u"An AWS configuration file is broken"_s), qPrintable(m_window->emptyStateText()));
    QVERIFY2(m_window->emptyStateText().contains(u"config line 5"_s), qPrintable(m_window->emptyStateText()));
    QVERIFY2(m_window->statusErrorText().contains(u"line 5"_s), qPrintable(m_window->statusErrorText()));
    QFile::remove(config.fileName());
}

void TestLiveTable::priceChangesEveryCostAndThePaneStartsAtTheTop()
{
    openWindow(ConnectionChoice::sandbox());
    SessionTableModel *model = m_dashboard->model();
    const QString id = rowsInView().value(0);
    QTRY_VERIFY_WITH_TIMEOUT(!model->index(model->rowOf(id), SessionTableModel::CostColumn).data().toString().isEmpty(), 10000);
    const double hours = model->index(model->rowOf(id), SessionTableModel::DpuHoursColumn).data(SessionTableModel::SortRole).toDouble();
    m_window->setDpuHourPrice(1.0);
    QCOMPARE(model->index(model->rowOf(id), SessionTableModel::CostColumn).data().toString(), SessionTableModel::formatUsd(hours));
    QCOMPARE(m_dashboard->dpuHourPrice(), 1.0); // kept as the setting
    m_window->setDpuHourPrice(0.35);

    // Scrolled down in one session's details, another session's start at the top.
    auto *scroll = m_window->detailPane()->findChild<QScrollArea *>(u"detailScroll"_s);
    m_window->resize(1280, 420); // short enough to scroll
    QVERIFY(m_window->selectSession(rowsInView().value(0)));
    QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    QVERIFY(m_window->selectSession(rowsInView().value(1)));
    QTRY_COMPARE(scroll->verticalScrollBar()->value(), 0);
}

QTEST_MAIN(TestLiveTable)
#include "tst_livetable.moc"
