// libFuzzer target: raw bytes on the endpoint's socket: the HTTP parser, then the whole request
// handler (signature check, protocol, the simulated service with its SQLite store).
#include "local/localendpoint.h"

#include <QCoreApplication>

namespace {
local::LocalEndpoint *g_endpoint = nullptr;
local::LocalEndpoint *g_open = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // Qt Sql loads its SQLite driver as a plugin
    local::EndpointOptions options;
    options.inMemory = true;
    options.seedSessions = 20;
    options.credentials = aws::AwsCredentials{QStringLiteral("AKIDFUZZ"), QStringLiteral("secret"), {}, {}, {}};
    g_endpoint = new local::LocalEndpoint(options);
    options.noAuth = true; // reaches the service without a valid signature
    g_open = new local::LocalEndpoint(options);
    if (!g_endpoint->start().ok() || !g_open->start().ok())
        __builtin_trap();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray buffer(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    for (int i = 0; i < 4 && !buffer.isEmpty(); ++i) {
        local::HttpRequest request;
        const local::HttpParseResult parsed = local::parseHttpRequest(buffer, local::HttpParseLimits{4096, 65536}, request);
        if (parsed.status != local::HttpParseResult::Status::Complete)
            break;
        (void)g_endpoint->handle(request);
        const local::HttpResponse answer = g_open->handle(request);
        if (answer.status < 200 || answer.status > 599)
            __builtin_trap();
    }
    return 0;
}
