// libFuzzer target: every JSON decoder of the Athena API, and credential_process output.
#include "athena/athenajson.h"
#include "aws/credentialsprovider.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    (void)aws::ProcessCredentialsProvider::parseOutput(bytes, QStringLiteral("fuzz"));
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    using namespace athena;
    (void)json::decode<SessionDetails>(o);
    (void)json::decode<SessionSummary>(o);
    (void)json::decode<SessionStatusResult>(o);
    (void)json::decode<ListSessionsPage>(o);
    (void)json::decode<StartSessionRequest>(o);
    (void)json::decode<StartSessionResult>(o);
    (void)json::decode<ListSessionsRequest>(o);
    (void)json::decode<ListWorkGroupsPage>(o);
    (void)json::decode<WorkGroup>(o);
    (void)json::decode<ListEngineVersionsPage>(o);
    (void)json::decode<CreateWorkGroupRequest>(o);
    // What decodes must encode and decode to the same value.
    if (auto d = json::decode<SessionDetails>(o); d.ok()) {
        auto again = json::decode<SessionDetails>(json::toJson(d.value()));
        if (!again.ok())
            __builtin_trap();
    }
    return 0;
}
