#pragma once

// Private to app/athena: how AthenaClient's operations are made (its source files share it).
#include "athena/athenaclient.h"
#include "athena/validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace athena {

namespace detail {
// The length of the array `key` of a response, without decoding its items.
inline qsizetype arrayLength(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isArray() ? v.toArray().size() : 0;
}
} // namespace detail

template <typename T>
PendingCall AthenaClient::invoke(const QString &operation, const QJsonObject &body, const ValidationIssues &issues,
                                 QObject *context, Callback<T> done,
                                 std::function<aws::Result<T>(const QJsonObject &)> decode)
{
    using namespace Qt::StringLiterals;
    if (!issues.isEmpty()) {
        QTimer::singleShot(0, context, [done, error = toError(issues)] { done(error); });
        return {};
    }
    aws::AwsCall *call = m_transport->call(operation, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(call, &aws::AwsCall::finished, context, [call, done, decode, operation] {
        const aws::Result<aws::AwsResponse> &r = call->result();
        if (!r.ok()) {
            done(r.error());
            return;
        }
        aws::Result<T> value = decode(r->json);
        if (!value.ok()) {
            aws::AwsError e = value.error();
            if (e.code == u"DecodeError"_s) { // the decoders' generic name; a more precise one stays
                e.code = u"MalformedResponse"_s;
                e.message = u"The %1 response does not match the API: %2"_s.arg(operation, e.message);
            }
            e.requestId = r->requestId;
            e.httpStatus = r->httpStatus;
            // The service answered 200: what was asked is done, but what it did cannot be read.
            if (operation == u"StartSession"_s || operation == u"TerminateSession"_s || operation == u"CreateWorkGroup"_s
                || operation == u"StartCalculationExecution"_s || operation == u"StopCalculationExecution"_s)
                e.outcomeUnknown = true;
            done(e);
            return;
        }
        done(value);
    });
    return PendingCall(call);
}

// ---- all pages ----

namespace detail {

// Walks a listing to its end; `fetch` asks for the page after a token.
template <typename Page, typename Item>
struct ListAll
{
    std::function<PendingCall(const QString &token, QObject *context, Callback<Page> page)> fetch;
    QList<Item> Page::*items;
    Callback<QList<Item>> done;
    PageGuard guard;
    QList<Item> all;
};

template <typename Page, typename Item>
void fetchAll(const std::shared_ptr<ListAll<Page, Item>> &state, const QPointer<QObject> &context, const QString &token)
{
    if (!context)
        return;
    state->fetch(token, context, [state, context](const aws::Result<Page> &page) {
        if (!page.ok()) {
            state->done(page.error());
            return;
        }
        const QList<Item> &items = page.value().*(state->items);
        const qsizetype kept = state->guard.accept(items.size(), page->nextToken);
        state->all += items.first(kept);
        if (state->guard.stop())
            state->done(*state->guard.stop());
        else if (state->guard.more())
            fetchAll(state, context, page->nextToken);
        else
            state->done(state->all);
    });
}

} // namespace detail


} // namespace athena
