// The window as a benchmark: the real MainWindow, offscreen, against an athena-local that the
// driver started (so that RSS is the app's alone). Prints one "RESULT key=value …" line.
//
//   bench_gui --endpoint URL --access-key K --secret S --sessions N --scenario listing|refresh|idle
//             [--seconds S] [--work-group WG]
//
// listing: ms from main() to the first rows in the view and to all N rows, from the start of the
//          listing to all rows, the longest gap of a 1 ms event-loop heartbeat while loading,
//          peak RSS.
// refresh: a pass over N unchanged sessions: the model and view signals it caused and the
//          main thread's CPU time.
// idle:    the window open on N sessions, one selected, auto-refresh 30 s, for S seconds: the
//          process's CPU use and the requests it sent per minute.
#include "dashboard/dashboard.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QEvent>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double processCpuMs()
{
    QFile f(u"/proc/self/stat"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble(); // utime, stime
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double peakRssMb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// With BENCH_GUI_EVENTS set, the slowest top-level events (receiver class and name, event type,
// ms) go to stderr at the end: which event stalled the loop.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_timing || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const QString what = QString::fromLatin1(receiver->metaObject()->className()) + u'/' + receiver->objectName()
                             + (receiver->parent() ? u" in "_s + QString::fromLatin1(receiver->parent()->metaObject()->className()) : QString())
                             + u" type="
                             + QString::number(event->type());
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 us = t.nsecsElapsed() / 1000;
        if (us > 5000)
            m_slow.append({us, what});
        return r;
    }
    void report()
    {
        std::sort(m_slow.begin(), m_slow.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        QTextStream err(stderr);
        err << "events over 5 ms: " << m_slow.size() << '\n';
        for (qsizetype i = 0; i < std::min<qsizetype>(m_slow.size(), 25); ++i)
            err << "  " << QString::number(static_cast<double>(m_slow[i].first) / 1000.0, 'f', 1) << " ms " << m_slow[i].second << '\n';
    }
    bool m_timing = qEnvironmentVariableIsSet("BENCH_GUI_EVENTS");

private:
    int m_depth = 0;
    QList<std::pair<qint64, QString>> m_slow;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    TimedApplication app(argc, argv);
    QApplication::setApplicationName(u"athena-sessions-bench"_s);
    QCommandLineParser parser;
    const QCommandLineOption endpoint(u"endpoint"_s, u"URL"_s, u"url"_s);
    const QCommandLineOption key(u"access-key"_s, u"key"_s, u"key"_s);
    const QCommandLineOption secret(u"secret"_s, u"secret"_s, u"secret"_s);
    const QCommandLineOption sessions(u"sessions"_s, u"expected rows"_s, u"n"_s);
    const QCommandLineOption scenario(u"scenario"_s, u"listing, refresh or idle"_s, u"name"_s, u"listing"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"idle duration"_s, u"s"_s, u"120"_s);
    const QCommandLineOption workGroup(u"work-group"_s, u"workgroup (default: all Spark)"_s, u"name"_s);
    const QCommandLineOption repeat(u"repeat"_s, u"refresh passes (for profiling)"_s, u"n"_s, u"1"_s);
    parser.addOptions({endpoint, key, secret, sessions, scenario, seconds, workGroup, repeat});
    parser.process(app);
    const int expected = parser.value(sessions).toInt();
    const QString mode = parser.value(scenario);
    QTextStream out(stdout);

    QTemporaryDir home;
    Dashboard::Options options;
    options.env = {{u"AWS_ACCESS_KEY_ID"_s, parser.value(key)},
                   {u"AWS_SECRET_ACCESS_KEY"_s, parser.value(secret)},
                   {u"AWS_CONFIG_FILE"_s, home.filePath(u"none"_s)},
                   {u"AWS_SHARED_CREDENTIALS_FILE"_s, home.filePath(u"none"_s)}};
    options.historyPath = home.filePath(u"history.sqlite"_s);
    Dashboard dashboard(options);
    MainWindow window(&dashboard);
    window.resize(1400, 800);
    window.show();
    const qint64 windowMs = sinceStart.elapsed();

    // The heartbeat: the longest gap between 1 ms ticks is the longest the event loop was busy.
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QElapsedTimer beat;
    qint64 maxGap = 0;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        maxGap = std::max(maxGap, beat.restart());
    });

    qint64 firstRowsMs = -1;
    qint64 allRowsMs = -1;
    qint64 listStartMs = -1; // the first listing pass started (after the workgroups were listed)
    QObject::connect(&dashboard, &Dashboard::loadingStarted, &app, [&] {
        if (listStartMs < 0)
            listStartMs = sinceStart.elapsed();
    });
    QAbstractItemModel *view = window.table()->model();
    QObject::connect(view, &QAbstractItemModel::rowsInserted, &app, [&] {
        if (firstRowsMs < 0)
            QTimer::singleShot(0, &app, [&] { // after the view had its turn
                if (firstRowsMs < 0)
                    firstRowsMs = sinceStart.elapsed();
            });
    });

    auto finishListing = [&] {
        heartbeat.stop();
        out << "RESULT scenario=listing sessions=" << view->rowCount() << " window_ms=" << windowMs
            << " first_rows_ms=" << firstRowsMs << " all_rows_ms=" << allRowsMs
            << " list_ms=" << (listStartMs >= 0 ? allRowsMs - listStartMs : -1) << " max_stall_ms=" << maxGap
            << " peak_rss_mb=" << QString::number(peakRssMb(), 'f', 1) << " requests=" << dashboard.requestsSent() << '\n';
        out.flush();
        if (app.m_timing)
            app.report();
    };

    // Counters outlive the lambdas that set them up.
    struct RefreshCounts
    {
        int inserted = 0, removed = 0, resets = 0, layouts = 0, changedCells = 0, paints = 0;
        double cpu0 = 0;
        QElapsedTimer wall;
        QString firstRow;
    };
    RefreshCounts counts;
    auto runRefresh = [&] {
        // A pass over unchanged sessions must change nothing in the view.
        SessionTableModel *model = dashboard.model();
        QObject::connect(model, &QAbstractItemModel::rowsInserted, &app, [&] { ++counts.inserted; });
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, &app, [&] { ++counts.removed; });
        QObject::connect(model, &QAbstractItemModel::modelReset, &app, [&] { ++counts.resets; });
        QObject::connect(view, &QAbstractItemModel::layoutChanged, &app, [&] { ++counts.layouts; });
        QObject::connect(model, &QAbstractItemModel::dataChanged, &app, [&](const QModelIndex &a, const QModelIndex &b) {
            if (!(a.column() == SessionTableModel::IdleForColumn && b.column() == SessionTableModel::IdleForColumn))
                ++counts.changedCells; // the ticking "Idle for" column is not a refresh change
        });
        counts.firstRow = view->index(0, SessionTableModel::SessionIdColumn).data().toString();
        class PaintCounter final : public QObject
        {
        public:
            explicit PaintCounter(int *n) : m_n(n) {}
            bool eventFilter(QObject *, QEvent *e) override
            {
                if (e->type() == QEvent::Paint)
                    ++*m_n;
                return false;
            }
            int *m_n;
        };
        window.table()->viewport()->installEventFilter(new PaintCounter(&counts.paints));
        counts.cpu0 = threadCpuMs();
        counts.wall.start();
        QObject::connect(&dashboard, &Dashboard::loadingFinished, &app, [&](bool complete, int rows) {
            const double cpu = threadCpuMs() - counts.cpu0;
            out << "RESULT scenario=refresh sessions=" << rows << " complete=" << complete << " wall_ms=" << counts.wall.elapsed()
                << " main_thread_cpu_ms=" << QString::number(cpu, 'f', 1) << " rows_inserted=" << counts.inserted
                << " rows_removed=" << counts.removed << " resets=" << counts.resets << " proxy_layout_changes=" << counts.layouts
                << " changed_rows=" << counts.changedCells << " table_paints=" << counts.paints
                << " first_row_kept=" << (view->index(0, SessionTableModel::SessionIdColumn).data().toString() == counts.firstRow) << '\n';
            out.flush();
            static int passes = 0;
            if (++passes < parser.value(repeat).toInt())
                QTimer::singleShot(0, &app, [&] {
                    counts.cpu0 = threadCpuMs();
                    counts.wall.start();
                    dashboard.refresh();
                });
            else
                QCoreApplication::exit(0);
        });
        dashboard.refresh();
    };

    auto runIdle = [&] {
        const int duration = parser.value(seconds).toInt();
        window.table()->selectRow(0);
        dashboard.setAutoRefreshSeconds(30);
        const double cpu0 = processCpuMs();
        const quint64 requests0 = dashboard.requestsSent();
        QTimer::singleShot(duration * 1000, &app, [&, cpu0, requests0, duration] {
            const double cpu = processCpuMs() - cpu0;
            const double requests = static_cast<double>(dashboard.requestsSent() - requests0);
            // Passes start at 30 s, 60 s, …: those that began before the end (not the one due at
            // the very end), each of `pages` requests, and a poll of the selected session every 5 s.
            const int pages = (expected + 99) / 100;
            const double passes = std::floor((duration - 1) / 30.0);
            const double expectedPerMinute = (passes * pages + std::floor(duration / 5.0)) * 60.0 / duration;
            out << "RESULT scenario=idle sessions=" << dashboard.model()->rowCount() << " seconds=" << duration
                << " cpu_percent=" << QString::number(100.0 * cpu / (duration * 1000.0), 'f', 2)
                << " requests_per_minute=" << QString::number(requests * 60.0 / duration, 'f', 1)
                << " expected_per_minute=" << QString::number(expectedPerMinute, 'f', 1)
                << " peak_rss_mb=" << QString::number(peakRssMb(), 'f', 1) << '\n';
            out.flush();
            QCoreApplication::exit(0);
        });
    };

    QObject::connect(&dashboard, &Dashboard::loadingFinished, &app, [&](bool, int rows) {
        if (allRowsMs >= 0 || rows < expected)
            return;
        allRowsMs = sinceStart.elapsed();
        finishListing();
        if (mode == u"listing"_s)
            QCoreApplication::exit(0);
        else if (mode == u"refresh"_s)
            QTimer::singleShot(500, &app, runRefresh);
        else
            QTimer::singleShot(500, &app, runIdle);
    });
    QObject::connect(&dashboard, &Dashboard::errorOccurred, &app, [&](const aws::AwsError &e, Dashboard::Activity, const QString &during) {
        QTextStream(stderr) << "bench_gui: " << during << ": " << e.toString() << '\n';
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(600000, &app, [] { QCoreApplication::exit(2); });

    MainWindow::StartOptions start;
    start.connection = ConnectionChoice::awsProfile(u"default"_s, u"us-east-1"_s, parser.value(endpoint));
    start.workGroup = parser.value(workGroup);
    if (mode == u"listing"_s) {
        beat.start();
        heartbeat.start(1);
    }
    window.start(start);
    return QApplication::exec();
}
