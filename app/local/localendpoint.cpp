#include "local/localendpoint.h"

#include <QDir>
#include <QFile>
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

aws::Result<aws::AwsCredentials> LocalEndpoint::loadOrCreateCredentials(const QString &dataDir)
{
    auto fail = [](const QString &message) {
        return aws::AwsError::make(aws::AwsError::Kind::Config, u"CredentialsFile"_s, message);
    };
    QDir dir(dataDir);
    if (!dir.exists() && !QDir().mkpath(dataDir))
        return fail(u"Cannot create the data directory %1"_s.arg(dataDir));
    QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile file(dir.filePath(u"credentials.json"_s));
    if (file.exists()) {
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
            auto c = loadOrCreateCredentials(m_options.dataDir);
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
            QDir().mkpath(dir);
        } else {
            auto c = loadOrCreateCredentials(dir);
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
    m_verifier = std::make_unique<SigV4Verifier>(m_credentials, u"athena"_s, m_clock);
    m_server = std::make_unique<HttpServer>([this](const HttpRequest &r) { return handle(r); });
    m_server->setMaxBodyBytes(m_options.maxBodyBytes);
    QString error;
    if (!m_server->listen(m_options.bind, m_options.port, &error))
        return aws::AwsError::make(aws::AwsError::Kind::Config, u"ListenError"_s,
                                   u"Cannot listen on %1 port %2: %3"_s.arg(m_options.bind.toString()).arg(m_options.port).arg(error));
    return true;
}

QUrl LocalEndpoint::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    const QHostAddress address = m_options.bind == QHostAddress::Any || m_options.bind == QHostAddress::AnyIPv4
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : m_options.bind;
    url.setHost(address.toString());
    url.setPort(m_server ? m_server->port() : m_options.port);
    url.setPath(u"/"_s);
    return url;
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
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_endpoint;
            m_endpoint = nullptr;
            delete m_context;
            m_context = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace local
