#include "local/localendpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace local {

namespace {

HttpResponse errorResponse(int status, const QString &type, const QString &message)
{
    return HttpResponse::json(status, QJsonDocument(QJsonObject{{u"__type"_s, type}, {u"Message"_s, message}}).toJson(QJsonDocument::Compact));
}

QString randomText(const char *alphabet, int length)
{
    const QByteArray chars(alphabet);
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(chars.at(QRandomGenerator::system()->bounded(static_cast<int>(chars.size()))));
    return out;
}

} // namespace

LocalEndpoint::LocalEndpoint(EndpointOptions options, const aws::Clock *clock, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(clock), m_faults(m_options.faults, m_options.faultSeed)
{
}

LocalEndpoint::~LocalEndpoint() = default;

QString LocalEndpoint::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(u"athena-local"_s);
}

aws::AwsCredentials LocalEndpoint::randomCredentials()
{
    aws::AwsCredentials c;
    c.accessKeyId = u"LOCAL"_s + randomText("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 15);
    c.secretAccessKey = randomText("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
    c.source = u"athena-local"_s;
    return c;
}

namespace {

aws::AwsError configError(const QString &code, const QString &message)
{
    return aws::AwsError::make(aws::AwsError::Kind::Config, code, message);
}

QString octalMode(QFileDevice::Permissions p)
{
    const int mode = (p & QFile::ReadOwner ? 0400 : 0) | (p & QFile::WriteOwner ? 0200 : 0) | (p & QFile::ExeOwner ? 0100 : 0)
                     | (p & QFile::ReadGroup ? 040 : 0) | (p & QFile::WriteGroup ? 020 : 0) | (p & QFile::ExeGroup ? 010 : 0)
                     | (p & QFile::ReadOther ? 04 : 0) | (p & QFile::WriteOther ? 02 : 0) | (p & QFile::ExeOther ? 01 : 0);
    return u"0%1"_s.arg(QString::number(mode, 8).rightJustified(3, u'0'));
}

constexpr QFileDevice::Permissions kOthersMayWrite = QFile::WriteGroup | QFile::WriteOther;
constexpr QFileDevice::Permissions kOthersMayAccess =
    QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

} // namespace

aws::Result<bool> LocalEndpoint::prepareDataDir(const QString &dataDir, QStringList *notes)
{
    const QFileInfo info(dataDir);
    if (!info.exists()) {
        if (!QDir().mkpath(dataDir))
            return configError(u"DataDir"_s, u"Cannot create the data directory %1"_s.arg(dataDir));
        if (!QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            return configError(u"DataDir"_s, u"Cannot make the data directory %1 user-only"_s.arg(dataDir));
        return true;
    }
    if (!info.isDir())
        return configError(u"DataDir"_s, u"The data directory %1 is not a directory"_s.arg(dataDir));
    const QFileDevice::Permissions permissions = info.permissions();
    if (permissions & kOthersMayWrite)
        return configError(u"InsecureDataDir"_s,
                           u"Refusing the data directory %1: group or others may write to it (mode %2), so they could "
                           u"replace the credentials or the state. Run 'chmod 700 %1' or choose another directory."_s.arg(
                               dataDir, octalMode(permissions)));
    if (permissions & kOthersMayAccess) {
        if (!QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            return configError(u"DataDir"_s, u"Cannot make the data directory %1 user-only"_s.arg(dataDir));
        if (notes)
            notes->append(u"made the data directory %1 user-only (mode 0700; it was %2)"_s.arg(dataDir, octalMode(permissions)));
    }
    return true;
}

aws::Result<aws::AwsCredentials> LocalEndpoint::loadOrCreateCredentials(const QString &dataDir, QStringList *notes)
{
    auto fail = [](const QString &message) { return configError(u"CredentialsFile"_s, message); };
    if (auto prepared = prepareDataDir(dataDir, notes); !prepared.ok())
        return prepared.error();
    QDir dir(dataDir);
    QFile file(dir.filePath(u"credentials.json"_s));
    if (file.exists()) {
        const QFileDevice::Permissions permissions = file.permissions();
        if (permissions & kOthersMayAccess) {
            // Secret keys others may read: take that away before using them, and say so.
            if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
                return fail(u"%1 may be read by others (mode %2) and cannot be made user-only: %3"_s.arg(
                    file.fileName(), octalMode(permissions), file.errorString()));
            if (notes)
                notes->append(u"made %1 user-only (mode 0600; it was %2): it holds the endpoint's secret key"_s.arg(
                    file.fileName(), octalMode(permissions)));
        }
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"Cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        aws::AwsCredentials c{o.value(u"AccessKeyId"_s).toString(), o.value(u"SecretAccessKey"_s).toString(), {}, {}, u"athena-local"_s};
        if (!c.isValid())
            return fail(u"%1 does not hold AccessKeyId and SecretAccessKey; delete it to make new ones"_s.arg(file.fileName()));
        return c;
    }
    const aws::AwsCredentials c = randomCredentials();
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(QJsonDocument(QJsonObject{{u"AccessKeyId"_s, c.accessKeyId}, {u"SecretAccessKey"_s, c.secretAccessKey}}).toJson());
    if (!file.flush())
        return fail(u"Cannot write %1"_s.arg(file.fileName()));
    return c;
}

aws::Result<bool> LocalEndpoint::start()
{
    if (m_options.noAuth && !m_options.bind.isLoopback())
        return aws::AwsError::make(aws::AwsError::Kind::Config, u"InsecureBind"_s,
                                   u"Refusing to listen on %1 without SigV4 verification: drop --no-auth or bind to loopback"_s.arg(
                                       m_options.bind.toString()));
    QString dbPath;
    if (m_options.inMemory) {
        // State in memory; credentials from the data directory when one is named, else new ones.
        if (m_options.credentials.isValid()) {
            m_credentials = m_options.credentials;
        } else if (!m_options.dataDir.isEmpty()) {
            auto c = loadOrCreateCredentials(m_options.dataDir, &m_notes);
            if (!c.ok())
                return c.error();
            m_credentials = c.value();
        } else {
            m_credentials = randomCredentials();
        }
    } else {
        const QString dir = m_options.dataDir.isEmpty() ? defaultDataDir() : m_options.dataDir;
        if (m_options.credentials.isValid()) {
            m_credentials = m_options.credentials;
            if (auto prepared = prepareDataDir(dir, &m_notes); !prepared.ok())
                return prepared.error();
        } else {
            auto c = loadOrCreateCredentials(dir, &m_notes);
            if (!c.ok())
                return c.error();
            m_credentials = c.value();
        }
        dbPath = QDir(dir).filePath(u"athena-local.sqlite"_s);
    }
    m_engine = std::make_unique<LocalAthena>(m_options.engine, m_clock);
    if (auto r = m_engine->open(dbPath); !r.ok())
        return r;
    if (m_options.seedSessions > 0 && m_engine->sessionCount() == 0) {
        if (auto r = m_engine->seedSessions(m_options.seedSessions, m_options.seedWorkGroups, m_options.seedActiveShare); !r.ok())
            return r.error();
    }
    m_verifier = std::make_unique<SigV4Verifier>(m_credentials, u"athena"_s, m_clock, m_options.region);
    m_server = std::make_unique<HttpServer>([this](const HttpRequest &r) { return handle(r); });
    m_server->setMaxBodyBytes(m_options.maxBodyBytes);
    m_server->setMaxConnections(m_options.maxConnections);
    m_server->setHeadTimeoutMs(m_options.headTimeoutMs);
    m_server->setMaxPendingInputBytes(m_options.maxPendingBodyBytes);
    m_server->setMaxConnectionOutputBytes(m_options.maxConnectionOutputBytes);
    m_server->setMaxTotalOutputBytes(m_options.maxTotalOutputBytes);
    QString error;
    if (!m_server->listen(m_options.bind, m_options.port, &error))
        return aws::AwsError::make(aws::AwsError::Kind::Config, u"ListenError"_s,
                                   u"Cannot listen on %1 port %2: %3"_s.arg(m_options.bind.toString()).arg(m_options.port).arg(error));
    return true;
}

namespace {

bool isAnyIPv4(const QHostAddress &a)
{
    return a.protocol() == QAbstractSocket::IPv4Protocol && a.toIPv4Address() == 0;
}

// "::" (QHostAddress::AnyIPv6) and QHostAddress::Any, which listens on IPv6 and IPv4 alike.
bool isAnyIPv6(const QHostAddress &a)
{
    return a == QHostAddress(QHostAddress::Any) || a == QHostAddress(QHostAddress::AnyIPv6);
}

// A URL for this machine's clients: loopback in place of a wildcard address.
QUrl clientUrl(const QHostAddress &bound, quint16 port)
{
    QHostAddress address = bound;
    if (isAnyIPv4(bound))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (isAnyIPv6(bound))
        address = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(address.toString());
    url.setPort(port);
    url.setPath(u"/"_s);
    return url;
}

} // namespace

QUrl LocalEndpoint::url() const
{
    const quint16 port = m_server ? m_server->port() : m_options.port;
    // QHostAddress::Any listens on IPv4 too: 127.0.0.1 reaches it, as it always did.
    if (m_options.bind == QHostAddress(QHostAddress::Any))
        return clientUrl(QHostAddress(QHostAddress::AnyIPv4), port);
    return clientUrl(m_options.bind, port);
}

QString LocalEndpoint::describeListening(const QHostAddress &bound, quint16 port)
{
    const QString example = clientUrl(bound, port).toString();
    if (isAnyIPv4(bound))
        return u"listening on all IPv4 interfaces (0.0.0.0, port %1); from this machine: %2"_s.arg(port).arg(example);
    if (isAnyIPv6(bound))
        return u"listening on all interfaces (%1, port %2); from this machine: %3"_s.arg(bound.toString()).arg(port).arg(example);
    return u"listening on %1"_s.arg(example);
}

QString LocalEndpoint::listeningDescription() const
{
    return describeListening(m_server ? m_server->address() : m_options.bind, m_server ? m_server->port() : m_options.port);
}

HttpResponse LocalEndpoint::handle(const HttpRequest &request)
{
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    auto finish = [&requestId](HttpResponse r) {
        r.headers.append({"x-amzn-RequestId", requestId});
        return r;
    };
    if (request.method == "GET" && request.path() == "/health")
        return finish(HttpResponse::json(200, R"({"status":"ok","service":"athena-local"})"));
    if (request.path() != "/")
        return finish(errorResponse(404, u"UnknownOperationException"_s, u"Athena's API is served at POST /"_s));
    if (request.method != "POST")
        return finish(errorResponse(405, u"UnknownOperationException"_s, u"Athena's API takes POST requests"_s));

    if (!m_options.noAuth) {
        if (auto e = m_verifier->verify(request))
            return finish(errorResponse(e->httpStatus, e->code, e->message));
    }
    const QByteArray target = request.header("X-Amz-Target");
    if (!target.startsWith("AmazonAthena."))
        return finish(errorResponse(400, u"UnknownOperationException"_s,
                                    target.isEmpty() ? u"X-Amz-Target is missing"_s : u"Unknown target"_s));
    const QString operation = QString::fromUtf8(target.mid(13));
    if (!LocalAthena::operations().contains(operation))
        return finish(errorResponse(400, u"UnknownOperationException"_s, u"Unknown operation %1"_s.arg(operation.left(100))));

    FaultInjector::Decision fault;
    if (m_faults.isActive())
        fault = m_faults.decide(operation);
    HttpResponse response;
    if (fault.action == FaultInjector::Action::InternalError) {
        response = errorResponse(500, u"InternalServerException"_s, u"Simulated internal error (fault injection)"_s);
    } else if (fault.action == FaultInjector::Action::Throttle) {
        response = errorResponse(400, u"ThrottlingException"_s, u"Rate exceeded (fault injection)"_s);
    } else if (fault.action == FaultInjector::Action::DropBefore) {
        response.dropConnection = true;
    } else {
        QJsonObject body;
        if (!request.body.trimmed().isEmpty()) {
            QJsonParseError parseError{};
            const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                return finish(errorResponse(400, u"SerializationException"_s,
                                            u"The request body is not a JSON object: %1 at byte %2"_s.arg(parseError.errorString()).arg(parseError.offset)));
            body = doc.object();
        }
        const OperationResult result = m_engine->call(operation, body);
        response = HttpResponse::json(result.status, result.raw.isEmpty() ? QJsonDocument(result.body).toJson(QJsonDocument::Compact)
                                                                          : result.raw);
        response.dropConnection = fault.action == FaultInjector::Action::DropAfter;
    }
    if (response.headers.isEmpty())
        response.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    response.delayMs = fault.delayMs;
    return finish(response);
}

// ---- LocalEndpointThread ----

LocalEndpointThread::LocalEndpointThread(EndpointOptions options) : m_options(std::move(options))
{
    m_thread.setObjectName(u"athena-local"_s);
}

LocalEndpointThread::~LocalEndpointThread()
{
    stop();
}

aws::Result<bool> LocalEndpointThread::start()
{
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    std::optional<aws::Result<bool>> result;
    QMetaObject::invokeMethod(
        m_context,
        [this, &result] {
            m_endpoint = new LocalEndpoint(m_options, aws::SystemClock::instance());
            result = m_endpoint->start();
            if (result->ok()) {
                m_url = m_endpoint->url();
                m_credentials = m_endpoint->credentials();
            }
        },
        Qt::BlockingQueuedConnection);
    if (!result->ok())
        stop();
    return *result;
}

void LocalEndpointThread::setFaults(const QList<FaultRule> &rules, quint64 seed)
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_context, [this, rules, seed] { m_endpoint->setFaults(rules, seed); }, Qt::BlockingQueuedConnection);
}

void LocalEndpointThread::stop()
{
    if (!m_thread.isRunning())
        return;
    // The endpoint is deleted on its own thread; the context that carries the call is not deleted
    // inside a call queued to it, but after its thread has finished (no event loop runs it then).
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_endpoint;
            m_endpoint = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
    m_context = nullptr;
}

} // namespace local
