// LocalAthena: the workgroup and engine version operations (ListWorkGroups, GetWorkGroup,
// CreateWorkGroup, ListEngineVersions).
#include "local/localathena.h"

#include "athena/athenaclient.h" // kListEngineVersionsPaging
#include "athena/athenajson.h"
#include "local/localathenainternal.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

OperationResult LocalAthena::listWorkGroups(const QJsonObject &request)
{
    const QJsonValue max = request.value(u"MaxResults"_s);
    const QJsonValue next = request.value(u"NextToken"_s);
    if ((!max.isUndefined() && !max.isDouble()) || (!next.isUndefined() && !next.isString()))
        return error(400, u"SerializationException"_s, u"MaxResults must be a number and NextToken a string"_s);
    const std::optional<int> maxResults = max.isDouble() ? std::optional<int>(max.toInt()) : std::nullopt;
    if (const ValidationIssues issues = validateListWorkGroups(maxResults, next.toString()); !issues.isEmpty())
        return fromIssues(issues);
    QStringList names = m_workGroups.keys();
    std::sort(names.begin(), names.end());
    qsizetype from = 0;
    if (!next.toString().isEmpty()) {
        const std::optional<QJsonArray> token = m_pageToken.read(next.toString());
        if (!token || token->size() != 2 || token->at(0).toInt() != 2)
            return invalid(u"The NextToken is not valid for this request."_s);
        from = std::upper_bound(names.begin(), names.end(), token->at(1).toString()) - names.begin();
    }
    ListWorkGroupsPage page;
    const int limit = maxResults.value_or(kDefaultListWorkGroups);
    for (qsizetype i = from; i < names.size(); ++i) {
        if (page.workGroups.size() == limit) {
            page.nextToken = m_pageToken.make(QJsonArray{2, names.at(i - 1)});
            break;
        }
        page.workGroups.append(m_workGroups.value(names.at(i))->wg.summary());
    }
    return OperationResult{200, json::toJson(page)};
}

OperationResult LocalAthena::getWorkGroup(const QJsonObject &request)
{
    const QJsonValue name = request.value(u"WorkGroup"_s);
    if (!name.isUndefined() && !name.isString())
        return error(400, u"SerializationException"_s, u"WorkGroup: expected a string"_s);
    if (const ValidationIssues issues = validateWorkGroupName(name.toString()); !issues.isEmpty())
        return fromIssues(issues);
    const auto wg = m_workGroups.value(name.toString());
    if (!wg)
        return invalid(u"WorkGroup %1 is not found."_s.arg(name.toString()));
    return OperationResult{200, QJsonObject{{u"WorkGroup"_s, json::toJson(wg->wg)}}};
}

OperationResult LocalAthena::createWorkGroup(const QJsonObject &body)
{
    auto decoded = json::decode<CreateWorkGroupRequest>(body);
    if (!decoded.ok())
        return serialization(decoded.error());
    const CreateWorkGroupRequest &request = decoded.value();
    if (const ValidationIssues issues = validateWorkGroupName(request.name); !issues.isEmpty())
        return fromIssues(issues);
    if (request.description.size() > 1024)
        return invalid(u"Description must be at most 1024 characters"_s);
    if (m_workGroups.contains(request.name))
        return invalid(u"WorkGroup %1 is already created."_s.arg(request.name));
    QString selected = request.configuration.engineVersion.selected;
    if (selected.isEmpty())
        selected = u"AUTO"_s;
    const bool known = std::any_of(engineVersions().begin(), engineVersions().end(),
                                   [&selected](const EngineVersion &e) { return e.selected == selected; });
    if (!known)
        return invalid(u"Engine version '%1' is not available; see ListEngineVersions."_s.arg(selected));
    WorkGroup wg;
    wg.name = request.name;
    wg.state = u"ENABLED"_s;
    wg.description = request.description;
    wg.creationTime = m_clock->nowUtc();
    wg.configuration = request.configuration;
    wg.configuration.engineVersion = EngineVersion{selected, effectiveEngine(selected)};
    if (wg.configuration.engineVersion.isSpark() && wg.configuration.executionRole.isEmpty())
        wg.configuration.executionRole = sparkExecutionRole();
    // Written with the call's other changes before the answer leaves (call()): if that write
    // fails, the answer is a 500 and rollback() takes the workgroup out again.
    insertWorkGroup(wg);
    return OperationResult{200, QJsonObject()};
}

OperationResult LocalAthena::listEngineVersions(const QJsonObject &request)
{
    const QJsonValue max = request.value(u"MaxResults"_s);
    const QJsonValue next = request.value(u"NextToken"_s);
    if ((!max.isUndefined() && !max.isDouble()) || (!next.isUndefined() && !next.isString()))
        return error(400, u"SerializationException"_s, u"MaxResults must be a number and NextToken a string"_s);
    const std::optional<int> maxResults = max.isDouble() ? std::optional<int>(max.toInt()) : std::nullopt;
    if (const ValidationIssues issues = validateListEngineVersions(maxResults, next.toString()); !issues.isEmpty())
        return fromIssues(issues);
    // Paged as the service pages: MaxResults at a time, an opaque NextToken while more remain.
    const QList<EngineVersion> &all = engineVersions();
    qsizetype from = 0;
    if (!next.toString().isEmpty()) {
        const std::optional<QJsonArray> token = m_pageToken.read(next.toString());
        if (!token || token->size() != 2 || token->at(0).toInt() != 3 || token->at(1).toInt() <= 0
            || token->at(1).toInt() >= all.size())
            return invalid(u"The NextToken is not valid for this request."_s);
        from = token->at(1).toInt();
    }
    const int limit = maxResults.value_or(static_cast<int>(athena::kListEngineVersionsPaging.apiPageItems));
    ListEngineVersionsPage page;
    page.engineVersions = all.mid(from, limit);
    if (from + limit < all.size())
        page.nextToken = m_pageToken.make(QJsonArray{3, static_cast<int>(from + limit)});
    return OperationResult{200, json::toJson(page)};
}

} // namespace local
