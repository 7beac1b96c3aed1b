#include "aws/assumeroleprovider.h"

#include "aws/clicache.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError roleError(const QString &message)
{
    return AwsError::make(AwsError::Kind::Credentials, u"AssumeRoleFailed"_s, message);
}

} // namespace

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(Settings settings, std::shared_ptr<CredentialsProvider> source,
                                                             QNetworkAccessManager *network, MfaPrompt mfaPrompt,
                                                             const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_source(std::move(source))
    , m_mfaPrompt(std::move(mfaPrompt))
    , m_clock(clock)
    , m_sts(network, m_settings.stsEndpoint, m_settings.stsRegion, this)
{
    m_sts.setClock(clock);
    m_sts.setCaTrust(m_settings.caTrust);
}

AssumeRoleCredentialsProvider::~AssumeRoleCredentialsProvider() = default;

QString AssumeRoleCredentialsProvider::cacheKey() const
{
    const AssumeRoleRequest &r = m_settings.request;
    clicache::AssumeRoleKeyArgs args;
    args.roleArn = r.roleArn;
    if (m_settings.sessionNameConfigured)
        args.roleSessionName = r.roleSessionName;
    if (!r.externalId.isEmpty())
        args.externalId = r.externalId;
    if (!r.serialNumber.isEmpty())
        args.serialNumber = r.serialNumber;
    if (r.durationSeconds > 0)
        args.durationSeconds = r.durationSeconds;
    return clicache::assumeRoleKey(args);
}

QString AssumeRoleCredentialsProvider::description() const
{
    QString text = m_settings.webIdentityTokenFile.isEmpty()
                       ? u"role %1 (from %2)"_s.arg(m_settings.request.roleArn, m_settings.sourceDescription)
                       : u"role %1 (web identity)"_s.arg(m_settings.request.roleArn);
    if (m_cached && m_cached->expiration.isValid())
        text += u", expires %1 UTC"_s.arg(m_cached->expiration.toUTC().toString(u"yyyy-MM-dd HH:mm"_s));
    return text;
}

void AssumeRoleCredentialsProvider::fetch(QObject *context, Callback callback)
{
    const QDateTime now = m_clock->nowUtc();
    if (m_cached && !m_cached->expiresWithin(now, advisoryRefreshSecs)) {
        if (context)
            callback(*m_cached);
        return;
    }
    // The AWS CLI may have assumed the same role since (or another process of ours).
    if (m_settings.webIdentityTokenFile.isEmpty() && !m_settings.cacheDir.isEmpty()) {
        if (auto cached = clicache::readAssumedRole(m_settings.cacheDir, cacheKey());
            cached && !cached->expiresWithin(now, advisoryRefreshSecs)) {
            cached->source = u"role %1 (AWS CLI cache)"_s.arg(m_settings.request.roleArn);
            m_cached = *cached;
            if (context)
                callback(*m_cached);
            return;
        }
    }
    m_waiting.append({QPointer<QObject>(context), std::move(callback)});
    if (!m_inFlight)
        start();
}

void AssumeRoleCredentialsProvider::start()
{
    m_inFlight = true;
    if (!m_settings.endpointProblem.isEmpty()) {
        finish(roleError(u"Profile '%1': no STS endpoint: %2"_s.arg(m_settings.profile, m_settings.endpointProblem)));
        return;
    }
    if (!m_settings.webIdentityTokenFile.isEmpty()) {
        QFile file(m_settings.webIdentityTokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            finish(roleError(u"Profile '%1': cannot read the web identity token file %2"_s.arg(
                m_settings.profile, m_settings.webIdentityTokenFile)));
            return;
        }
        if (file.size() > maxTokenFileBytes) {
            finish(roleError(u"Profile '%1': the web identity token file %2 is larger than %3 bytes"_s.arg(
                m_settings.profile, m_settings.webIdentityTokenFile).arg(maxTokenFileBytes)));
            return;
        }
        AssumeRoleRequest request = m_settings.request;
        request.webIdentityToken = QString::fromUtf8(file.readAll()); // sent as botocore sends it: as is
        ++m_stsCalls;
        m_sts.assumeRoleWithWebIdentity(request, this, [this](const Result<AssumedRole> &r) {
            if (!r.ok()) {
                finish(r.error());
                return;
            }
            m_assumedRoleArn = r->assumedRoleArn;
            AwsCredentials c = r->credentials;
            c.source = description();
            finish(c);
        });
        return;
    }
    if (!m_source) {
        finish(roleError(u"Profile '%1' has no source of credentials for role %2"_s.arg(m_settings.profile,
                                                                                         m_settings.request.roleArn)));
        return;
    }
    m_source->fetch(this, [this](const Result<AwsCredentials> &source) {
        if (!source.ok()) {
            AwsError e = source.error();
            e.message = u"Cannot assume role %1 for profile '%2': its source credentials (%3) failed: %4"_s.arg(
                m_settings.request.roleArn, m_settings.profile, m_settings.sourceDescription, e.message);
            finish(e);
            return;
        }
        if (m_settings.request.serialNumber.isEmpty()) {
            assume(source.value(), {});
            return;
        }
        if (!m_mfaPrompt) {
            finish(roleError(u"Profile '%1' needs an MFA code for %2, and there is no way to ask for one here: run "
                             u"athenactl in a terminal, or use the app"_s.arg(m_settings.profile, m_settings.request.serialNumber)));
            return;
        }
        const AwsCredentials &sourceCredentials = source.value();
        QPointer<AssumeRoleCredentialsProvider> self(this);
        m_mfaPrompt(m_settings.request.serialNumber, [self, sourceCredentials](std::optional<QString> code) {
            if (!self)
                return;
            if (!code || code->trimmed().isEmpty()) {
                self->finish(roleError(u"No MFA code was given for %1"_s.arg(self->m_settings.request.serialNumber)));
                return;
            }
            self->assume(sourceCredentials, code->trimmed());
        });
    });
}

void AssumeRoleCredentialsProvider::assume(const AwsCredentials &source, const QString &tokenCode)
{
    AssumeRoleRequest request = m_settings.request;
    request.tokenCode = tokenCode;
    ++m_stsCalls;
    m_sts.assumeRole(request, source, this, [this](const Result<AssumedRole> &r) {
        if (!r.ok()) {
            AwsError e = r.error();
            e.message = u"Cannot assume role %1 for profile '%2': %3"_s.arg(m_settings.request.roleArn, m_settings.profile, e.message);
            finish(e);
            return;
        }
        m_assumedRoleArn = r->assumedRoleArn;
        AwsCredentials c = r->credentials;
        c.source = u"role %1 (from %2)"_s.arg(m_settings.request.roleArn, m_settings.sourceDescription);
        if (!m_settings.cacheDir.isEmpty()) {
            if (auto written = clicache::writeAssumedRole(m_settings.cacheDir, cacheKey(), c, r->assumedRoleArn, r->assumedRoleId);
                !written.ok())
                qWarning("%s", qPrintable(written.error().message)); // a path, never a secret
        }
        finish(c);
    });
}

void AssumeRoleCredentialsProvider::finish(const Result<AwsCredentials> &result)
{
    m_inFlight = false;
    Result<AwsCredentials> delivered = result;
    if (result.ok())
        m_cached = result.value();
    else if (m_cached && !m_cached->expiresWithin(m_clock->nowUtc(), mandatoryRefreshSecs))
        delivered = *m_cached; // a failed early refresh keeps what is still good for a while
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, callback] : waiting) {
        if (context)
            callback(delivered);
    }
}

} // namespace aws
