// Signing in from the window, offscreen, against the loopback STS and IAM Identity Center
// (tests/tools/stub_sts.py) and a scripted Athena endpoint: an SSO profile without a sign-in
// offers *Sign in…*, the dialog opens the browser and shows the code, and after the approval the
// window connects with the issued role credentials; a role with mfa_serial asks for its code in a
// dialog (and says so when it is cancelled); expired credentials say they expired.
#include "support/guitestsupport.h"
#include "support/scriptedhttpserver.h"
#include "support/testpaths.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QFile>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using testing::ScriptedHttpServer;

namespace {

const QString kBaseKey = u"AKIDBASEEXAMPLE00001"_s;
const QString kBaseSecret = u"base/secret/EXAMPLEKEYxxxxxxxxxxxxxxxx"_s;

} // namespace

// Records the pages the window asks the desktop to open.
class UrlRecorder : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void openUrl(const QUrl &url) { opened << url; }
};

class TestSignInFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void ssoSignInFromTheWindow();
    void mfaCodeIsAskedInADialog();
    void cancelledMfaSaysWhy();
    void expiredCredentialsSaySo();

private:
    void openWindow(const QString &profile);
    void startStub(const QString &script);
    // Answers the next MFA dialog with `code` (or cancels it), from inside its own event loop.
    void answerMfaDialog(const std::optional<QString> &code);
    bool athenaSawKeyPrefix(const QString &prefix) const;

    QString m_python;
    QTemporaryDir m_dir;
    QString m_aws;
    QProcess m_stub;
    QString m_port;
    QString m_log;
    std::unique_ptr<ScriptedHttpServer> m_athena;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<MainWindow> m_window;
    UrlRecorder m_browser;
    QTimer m_responder;
    QString m_mfaSerialAsked;
};

void TestSignInFlow::initTestCase()
{
    m_python = testing::pythonWith(u"botocore"_s);
    if (m_python.isEmpty())
        QSKIP("[peer:boto3] botocore is not installed: the STS and SSO stub needs it");
    QDesktopServices::setUrlHandler(u"https"_s, &m_browser, "openUrl");
}

void TestSignInFlow::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(u"https"_s);
}

void TestSignInFlow::init()
{
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
    static int n = 0;
    m_aws = m_dir.filePath(u"aws%1"_s.arg(++n));
    QDir().mkpath(m_aws);
    QFile config(m_aws + u"/config"_s);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral(
                     "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = SparkUser\nregion = eu-west-1\n"
                     "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                     "sso_registration_scopes = sso:account:access\n"
                     "[profile base]\nregion = eu-west-1\naws_access_key_id = %1\naws_secret_access_key = %2\n"
                     "[profile mfa]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n"
                     "mfa_serial = arn:aws:iam::123456789012:mfa/alice\n")
                     .arg(kBaseKey, kBaseSecret)
                     .toUtf8());
    config.close();
    m_athena = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_athena->listen());
    m_athena->fallback = ScriptedHttpServer::Action::respond(200, R"({"WorkGroups":[]})");
    m_log = m_aws + u"/stub.log"_s;
    m_browser.opened.clear();
    m_mfaSerialAsked.clear();
}

void TestSignInFlow::cleanup()
{
    m_responder.stop();
    m_responder.disconnect();
    m_window.reset();
    m_dashboard.reset();
    if (m_stub.state() != QProcess::NotRunning) {
        m_stub.kill();
        m_stub.waitForFinished(5000);
    }
}

void TestSignInFlow::startStub(const QString &script)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STUB_DEVICE_SCRIPT"_s, script);
    env.insert(u"STUB_KEYS"_s, QString::fromUtf8(QJsonDocument(QJsonObject{{kBaseKey, kBaseSecret}}).toJson(QJsonDocument::Compact)));
    m_stub.setProcessEnvironment(env);
    m_stub.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_stub.start(m_python, {testing::toolsDir(u"stub_sts.py"_s), m_log});
    QVERIFY(m_stub.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_stub.canReadLine(), 20000);
    m_port = QString::fromLatin1(m_stub.readLine().trimmed());
}

void TestSignInFlow::openWindow(const QString &profile)
{
    Dashboard::Options options = testing::sandboxOptions(m_aws);
    const QString stub = u"http://127.0.0.1:"_s + m_port;
    options.env.insert(u"HOME"_s, m_aws);
    options.env.insert(u"AWS_ENDPOINT_URL_STS"_s, stub);
    options.env.insert(u"AWS_ENDPOINT_URL_SSO"_s, stub);
    options.env.insert(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, stub);
    options.env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    m_dashboard = std::make_unique<Dashboard>(options);
    m_window = std::make_unique<MainWindow>(m_dashboard.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    MainWindow::StartOptions o;
    o.connection = ConnectionChoice::awsProfile(profile, u"eu-west-1"_s, u"http://127.0.0.1:%1"_s.arg(m_athena->port()));
    m_window->start(o);
}

void TestSignInFlow::answerMfaDialog(const std::optional<QString> &code)
{
    m_responder.setInterval(50);
    connect(&m_responder, &QTimer::timeout, this, [this, code] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        m_mfaSerialAsked = dialog->labelText();
        QVERIFY(dialog->textEchoMode() == QLineEdit::Password); // the code is not shown
        if (code) {
            dialog->setTextValue(*code);
            dialog->accept();
        } else {
            dialog->reject();
        }
        m_responder.stop();
    });
    m_responder.start();
}

bool TestSignInFlow::athenaSawKeyPrefix(const QString &prefix) const
{
    for (const auto &r : m_athena->received) {
        if (QString::fromLatin1(r.header("authorization")).contains(u"Credential="_s + prefix))
            return true;
    }
    return false;
}

void TestSignInFlow::ssoSignInFromTheWindow()
{
    startStub(u"pending,ok"_s);
    openWindow(u"sso"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"Sign-in required"_s),
                              qPrintable(m_window->emptyStateText()), 20000);
    auto *signIn = m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s);
    QCOMPARE(signIn->text(), u"Sign in…"_s);
    QVERIFY(m_window->findChild<QAction *>(u"signInAction"_s)->isEnabled());
    QVERIFY(m_athena->received.isEmpty()); // nothing was sent without credentials
    QTest::mouseClick(signIn, Qt::LeftButton);

    auto *dialog = m_window->findChild<SignInDialog *>();
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->userCode(), u"ABCD-EFGH"_s, 20000);
    QVERIFY(dialog->statusText().contains(u"Waiting for the approval"_s));
    QCOMPARE(m_browser.opened, QList<QUrl>{QUrl(u"https://device.sso.example.test/?user_code=ABCD-EFGH"_s)});
    if (const QString dir = qEnvironmentVariable("ATHENA_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        dialog->grab().save(dir + u"/sign-in-dialog.png"_s);
    }
    // Approved: the dialog closes, the window connects with the SSO role's credentials.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<SignInDialog *>(), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(athenaSawKeyPrefix(u"ASIASSO"_s), qPrintable(m_window->emptyStateText()), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"No Spark workgroups"_s), qPrintable(m_window->emptyStateText()),
                              20000);
    QVERIFY(QFile::exists(m_aws + u"/.aws/sso/cache/"_s + u"%1.json"_s.arg(QString::fromLatin1(
                              QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex()))));
}

void TestSignInFlow::mfaCodeIsAskedInADialog()
{
    startStub(u"ok"_s);
    answerMfaDialog(u"123456"_s);
    openWindow(u"mfa"_s);
    QTRY_VERIFY_WITH_TIMEOUT(athenaSawKeyPrefix(u"ASIA"_s), 20000);
    QVERIFY2(m_mfaSerialAsked.contains(u"arn:aws:iam::123456789012:mfa/alice"_s), qPrintable(m_mfaSerialAsked));
    QFile log(m_log);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray entries = log.readAll();
    QVERIFY(entries.contains("\"TokenCode\": \"<6 chars>\""));
    QVERIFY(!entries.contains("\"123456\"")); // the code itself was never logged
    QVERIFY(!m_window->findChild<QAction *>(u"signInAction"_s)->isEnabled());
}

void TestSignInFlow::cancelledMfaSaysWhy()
{
    startStub(u"ok"_s);
    answerMfaDialog(std::nullopt);
    openWindow(u"mfa"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"MFA"_s), qPrintable(m_window->emptyStateText()), 20000);
    QVERIFY(m_athena->received.isEmpty());
}

void TestSignInFlow::expiredCredentialsSaySo()
{
    startStub(u"ok"_s);
    m_athena->fallback = ScriptedHttpServer::Action::respond(
        400, R"({"__type":"ExpiredTokenException","message":"The security token included in the request is expired"})");
    answerMfaDialog(u"123456"_s);
    openWindow(u"mfa"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->emptyStateText().contains(u"The AWS session has expired"_s),
                              qPrintable(m_window->emptyStateText()), 20000);
    QCOMPARE(m_window->findChild<QPushButton *>(u"emptyStatePrimaryButton"_s)->text(), u"Retry"_s);
}

QTEST_MAIN(TestSignInFlow)
#include "tst_signinflow.moc"
