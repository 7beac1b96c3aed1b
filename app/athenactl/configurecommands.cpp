// athenactl configure list, sso login and sso logout: where the settings and credentials come
// from, and signing in to (or out of) IAM Identity Center.
#include "athenactl/athenactl.h"

#include "aws/clicache.h"
#include "aws/ssodevicesignin.h"
#include "aws/ssoprovider.h"

#include <QDir>
#include <QFile>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace {

// The last four characters of a key id, as `aws configure list` shows it.
QString masked(const QString &accessKeyId)
{
    return accessKeyId.size() <= 4 ? QString(accessKeyId.size(), u'*') : QString(16, u'*') + accessKeyId.right(4);
}

} // namespace

void AthenaCtl::configureList()
{
    const aws::ClientSettings &s = m_connection->settings;
    auto row = [this](const QString &name, const QString &value, const QString &from) {
        m_out << name.leftJustified(12) << ' ' << value.leftJustified(44) << ' ' << from << '\n';
    };
    row(u"Name"_s, u"Value"_s, u"Source"_s);
    row(u"----"_s, u"-----"_s, u"------"_s);
    row(u"profile"_s, s.profile, s.profileExplicit ? u"--profile"_s : u"AWS_PROFILE or default"_s);
    row(u"region"_s, s.region, s.regionSource);
    row(u"endpoint"_s, s.endpoint.toString(), s.endpointSource);
    m_out.flush();
    m_connection->credentials->fetch(this, [this, row](const aws::Result<aws::AwsCredentials> &c) {
        if (!c.ok()) {
            row(u"credentials"_s, u"<not available>"_s, m_connection->credentials->description());
            m_out.flush();
            fail(c.error());
            return;
        }
        row(u"access_key"_s, masked(c->accessKeyId), c->source.isEmpty() ? m_connection->credentials->description() : c->source);
        row(u"secret_key"_s, masked(c->secretAccessKey), QString());
        row(u"expires"_s, c->expiration.isValid() ? c->expiration.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) : u"never"_s,
            c->sessionToken.isEmpty() ? u"long-term keys"_s : u"temporary credentials"_s);
        m_out.flush();
        done(Ok);
    });
}

std::optional<std::pair<aws::AwsConfigFiles, QString>> AthenaCtl::configFiles()
{
    auto files = aws::AwsConfigFiles::load(m_env);
    if (!files.ok()) {
        fail(files.error());
        return std::nullopt;
    }
    const aws::SettingsResolver resolver(files.value(), m_env);
    auto profile = resolver.profile(m_parser.value(u"profile"_s));
    if (!profile.ok()) {
        fail(profile.error());
        return std::nullopt;
    }
    return std::pair{files.value(), profile.value()};
}

void AthenaCtl::ssoLogin()
{
    const auto files = configFiles();
    if (!files)
        return; // fail() said why
    const QString profile = files->second;
    auto settings = aws::SsoDeviceSignIn::settingsFor(files->first, m_env, profile);
    if (!settings.ok()) {
        usage(settings.error().message);
        return;
    }
    auto *signIn = new aws::SsoDeviceSignIn(settings.value(), m_network, aws::SystemClock::instance(), this);
    const bool openBrowser = !m_parser.isSet(u"no-browser"_s)
                             && (!m_env.value(u"DISPLAY"_s).isEmpty() || !m_env.value(u"WAYLAND_DISPLAY"_s).isEmpty());
    connect(signIn, &aws::SsoDeviceSignIn::awaitingApproval, this,
            [this, openBrowser](const QUrl &url, const QString &code, const QDateTime &expiresAt) {
                // As `aws sso login`: the page and the code on stderr, so stdout stays for data.
                m_err << (openBrowser ? "Opening the sign-in page in your browser. If it does not open, or to sign in on "
                                        "another device, open:\n\n"
                                      : "To sign in, open this page in a browser:\n\n")
                      << url.toString() << "\n\nand check that it shows the code\n\n" << code
                      << "\n\nWaiting for the approval (until " << expiresAt.toUTC().toString(u"HH:mm 'UTC'"_s) << ")…\n";
                m_err.flush();
                if (openBrowser)
                    QProcess::startDetached(u"xdg-open"_s, {url.toString()});
            });
    connect(signIn, &aws::SsoDeviceSignIn::failed, this, [this, signIn](const aws::AwsError &error) {
        signIn->deleteLater();
        fail(error);
    });
    connect(signIn, &aws::SsoDeviceSignIn::succeeded, this, [this, signIn](const QDateTime &expiresAt) {
        signIn->deleteLater();
        m_err << "athenactl: signed in to " << signIn->settings().startUrl << "; the sign-in is valid until "
              << expiresAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s) << '\n';
        m_err.flush();
        done(Ok);
    });
    signIn->start();
}

void AthenaCtl::ssoLogout()
{
    const auto files = configFiles();
    if (!files)
        return; // fail() said why
    const QString profile = files->second;
    const QString session = files->first.profileValue(profile, u"sso_session"_s);
    QString startUrl = files->first.profileValue(profile, u"sso_start_url"_s);
    if (!session.isEmpty()) {
        if (const aws::ConfigSection *section = files->first.config().section(u"sso-session "_s + session))
            startUrl = section->value(u"sso_start_url"_s);
    }
    if (session.isEmpty() && startUrl.isEmpty()) {
        usage(u"profile '%1' does not use IAM Identity Center"_s.arg(profile));
        return;
    }
    QString home = m_env.value(u"HOME"_s);
    if (home.isEmpty())
        home = QDir::homePath();
    const QString token = QDir(home).filePath(u".aws/sso/cache/"_s + aws::SsoCredentialsProvider::tokenCacheKey(startUrl, session) + u".json"_s);
    const QString role = QDir(aws::clicache::assumeRoleCacheDir(home))
                             .filePath(aws::SsoCredentialsProvider::roleCacheKey(files->first.profileValue(profile, u"sso_account_id"_s),
                                                                                 files->first.profileValue(profile, u"sso_role_name"_s),
                                                                                 startUrl, session)
                                       + u".json"_s);
    int removed = 0;
    for (const QString &path : {token, role}) {
        if (QFile::exists(path) && QFile::remove(path))
            ++removed;
    }
    m_err << "athenactl: signed out of " << startUrl << " (" << removed << " cached file(s) removed)\n";
    m_err.flush();
    done(Ok);
}
