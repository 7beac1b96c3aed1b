// A full run with a secret key and a session token: list, start, a refused start, a signature
// failure, terminate, export, settings saved, with every debug category on. Then every log line,
// the settings file, the exported files and every error text are searched for the secret and the
// token, and for the Spark Connect token of GetSessionEndpoint: none may hold them. Debug output shows Authorization and X-Amz-Security-Token redacted.
#include "support/guitestsupport.h"
#include "athena/athenaclient.h"
#include "local/localendpoint.h"
#include "sessions/sessioninside.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/messageboxes.h"
#include "ui/startsessiondialog.h"

#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kSecret = u"SeCrEt/KeY+ForTheLeakTest0123456789abcd"_s;
const QString kToken = u"SeSsIoNtOkEn-leak-test-IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"_s;
QStringList g_log;

void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log << message;
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noSecretAnywhere();
};

void TestSecrets::noSecretAnywhere()
{
    QTemporaryDir dir;
    testing::isolateSettings(dir.filePath(u"settings"_s));
    QLoggingCategory::setFilterRules(u"*.debug=true\nqt.*.debug=false"_s);
    qInstallMessageHandler(capture);

    const aws::AwsCredentials credentials{u"LOCALLEAKTEST0000001"_s, kSecret, kToken, {}, {}};
    local::EndpointOptions options;
    options.inMemory = true;
    options.credentials = credentials;
    options.seedSessions = 20;
    options.engine.dpuQuota = 4000; // a start of 5000 DPUs is refused by the service
    local::LocalEndpointThread endpoint(options);
    QVERIFY(endpoint.start().ok());

    QStringList errors;
    QString authToken; // the new session's Spark Connect token
    {
        Dashboard::Options o = testing::sandboxOptions(dir.filePath(u"aws"_s));
        o.env.insert(u"AWS_ACCESS_KEY_ID"_s, credentials.accessKeyId);
        o.env.insert(u"AWS_SECRET_ACCESS_KEY"_s, kSecret);
        o.env.insert(u"AWS_SESSION_TOKEN"_s, kToken);
        o.env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
        o.env.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, endpoint.url().toString());
        Dashboard dashboard(o);
        connect(&dashboard, &Dashboard::errorOccurred, this,
                [&errors](const aws::AwsError &e, Dashboard::Activity, const QString &during) { errors << during + e.toString(); });
        MainWindow window(&dashboard);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.start({ConnectionChoice::awsProfile(u"default"_s), {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.workGroupsLoaded() && !dashboard.isLoading() && window.table()->model()->rowCount() > 0, 20000);

        // A start that works, one the service refuses (past the DPU quota).
        for (const QString &dpus : {u"20"_s, u"5000"_s}) {
            QPointer<StartSessionDialog> dialog = window.openStartDialog(); // it deletes itself on close
            dialog->findChild<QComboBox *>(u"workGroupCombo"_s)->setCurrentText(u"spark-etl"_s);
            dialog->findChild<QLineEdit *>(u"maxDpusEdit"_s)->setText(dpus);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
            if (dpus == u"5000"_s) {
                auto *banner = dialog->findChild<QLabel *>(u"serviceErrorLabel"_s);
                QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
                errors << banner->text();
                dialog->reject();
            } else {
                QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 30000);
            }
        }
        // The Spark Connect endpoint of the started (selected) session: its token is a secret too.
        auto *inside = window.findChild<SessionInside *>();
        QTRY_VERIFY_WITH_TIMEOUT(!inside->sessionId().isEmpty(), 10000);
        window.detailPane()->showTab(DetailPane::Tab::Connect);
        QSignalSpy endpointReady(inside, &SessionInside::endpointReady);
        inside->fetchEndpoint();
        QTRY_COMPARE_WITH_TIMEOUT(endpointReady.size(), 1, 10000);
        authToken = endpointReady.at(0).at(0).value<athena::SessionEndpoint>().authToken;
        QVERIFY(authToken.size() >= 16);
        // Terminate the selected (just started) session.
        messageboxes::setNextAnswer(QMessageBox::Yes);
        window.findChild<QAction *>(u"terminateAction"_s)->trigger();
        QVERIFY(window.exportVisibleRows(dir.filePath(u"export.csv"_s), false));
        QVERIFY(window.exportVisibleRows(dir.filePath(u"export.json"_s), true));
        QTest::qWait(500);
        window.close(); // saves settings
    }

    // A client with a wrong secret: the error it gets must not echo either secret.
    {
        QNetworkAccessManager network;
        aws::TransportConfig config;
        config.endpoint = endpoint.url();
        config.region = u"us-east-1"_s;
        aws::AwsCredentials wrong = credentials;
        wrong.secretAccessKey = kSecret + u"-wrong"_s;
        aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(wrong), config);
        aws::AwsCall *call = transport.call(u"ListWorkGroups"_s, "{}");
        std::optional<aws::Result<aws::AwsResponse>> r;
        connect(call, &aws::AwsCall::finished, this, [&r, call] { r = call->result(); });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 10000);
        QVERIFY(!r->ok());
        errors << r->error().toString();
    }
    qInstallMessageHandler(nullptr);

    // Where a secret could have gone.
    QStringList places;
    QByteArrayList contents;
    for (const QString &line : std::as_const(g_log)) {
        places << u"log: "_s + line.left(60);
        contents << line.toUtf8();
    }
    for (const QString &e : std::as_const(errors)) {
        places << u"error: "_s + e.left(60);
        contents << e.toUtf8();
    }
    QDirIterator files(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    int filesRead = 0;
    while (files.hasNext()) {
        QFile f(files.next());
        if (f.fileName().endsWith(u".sqlite"_s) || f.fileName().endsWith(u"-wal"_s) || f.fileName().endsWith(u"-shm"_s)
            || !f.open(QIODevice::ReadOnly))
            continue;
        ++filesRead;
        places << f.fileName();
        contents << f.readAll();
    }
    QVERIFY(filesRead >= 3); // the settings file and two exports
    for (qsizetype i = 0; i < contents.size(); ++i) {
        QVERIFY2(!contents.at(i).contains(kSecret.toUtf8()), qPrintable(u"the secret key is in "_s + places.at(i)));
        QVERIFY2(!contents.at(i).contains(kToken.toUtf8()), qPrintable(u"the session token is in "_s + places.at(i)));
        QVERIFY2(!contents.at(i).contains(kToken.left(24).toUtf8()), qPrintable(u"part of the session token is in "_s + places.at(i)));
        QVERIFY2(!contents.at(i).contains(authToken.toUtf8()), qPrintable(u"the Spark Connect token is in "_s + places.at(i)));
    }
    // Debug logging did run, with the secret headers redacted.
    const QString all = g_log.join(u'\n');
    QVERIFY2(all.contains(u"X-Amz-Security-Token: <redacted>"_s), "no redacted token header in the debug output");
    QVERIFY(all.contains(u"Signature=<redacted>"_s));
    QVERIFY(all.contains(u"Credential=LOCALLEAKTEST0000001/"_s)); // the key ID is not a secret, and helps
    qInfo("secrets: %d log lines, %d error texts and %d files searched; neither the secret key, the session token nor the Spark Connect token found",
          static_cast<int>(g_log.size()), static_cast<int>(errors.size()), filesRead);
}

QTEST_MAIN(TestSecrets)
#include "tst_secrets.moc"
