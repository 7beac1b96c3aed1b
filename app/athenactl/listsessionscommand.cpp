// athenactl list-sessions --all-work-groups: every Spark workgroup's sessions, every page, in one
// process. Each workgroup's listing runs as one chain per state (the active states unless
// --state-filter says), several at once, so that the time is the longest chain's, not the sum.
#include "athenactl/athenactl.h"

#include "athenactl/jsonoutput.h"
#include "athenactl/textoutput.h"
#include "athena/validation.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace {

// Qt opens at most 6 connections to a host; more chains in flight would only queue there.
constexpr int kChainsInFlight = 6;

struct Listed
{
    SessionSummary summary;
    QString workGroup;
};

// The state of one run: the chains still to start and those running, what was listed.
struct AllGroups
{
    QList<ListSessionsRequest> queue;
    int running = 0;
    int pages = 0;
    bool failed = false;
    QHash<QString, Listed> sessions; // by SessionId: a session seen by two chains is listed once
};

} // namespace

void AthenaCtl::listSessionsAllWorkGroups()
{
    if (m_parser.isSet(u"work-group"_s) || m_parser.isSet(u"next-token"_s))
        return usage(u"--all-work-groups takes neither --work-group nor --next-token"_s);
    if (!m_positional.isEmpty())
        return usage(u"unexpected argument '%1'"_s.arg(m_positional.first()));
    ListSessionsRequest base;
    if (m_parser.isSet(u"state-filter"_s)) {
        base.stateFilter = sessionStateFromString(m_parser.value(u"state-filter"_s).toUpper());
        if (!base.stateFilter)
            return usage(u"--state-filter: '%1' is not a session state"_s.arg(m_parser.value(u"state-filter"_s)));
    }
    if (!parseInt(u"max-results"_s, base.maxResults))
        return;
    // Every page is a round trip: the largest the API allows unless --max-results says otherwise.
    if (!base.maxResults)
        base.maxResults = kListSessionsPaging.apiPageItems;
    base.workGroup = u"x"_s; // validated for its other fields
    if (const ValidationIssues issues = validate(base); !issues.isEmpty())
        return fail(toError(issues));

    m_connection->client->listAllWorkGroups(this, [this, base](const aws::Result<QList<WorkGroupSummary>> &groups) {
        if (!groups.ok())
            return fail(groups.error());
        // The workgroups that can run sessions, as the window picks them.
        QStringList names;
        for (const WorkGroupSummary &w : groups.value()) {
            if (w.engineVersion.isSpark() && w.state != u"DISABLED"_s)
                names << w.name;
        }
        std::sort(names.begin(), names.end());
        QList<std::optional<SessionState>> filters;
        if (base.stateFilter) {
            filters << base.stateFilter;
        } else {
            for (SessionState s : allSessionStates()) {
                if (isActive(s))
                    filters << s;
            }
        }
        auto run = std::make_shared<AllGroups>();
        for (const std::optional<SessionState> &f : std::as_const(filters)) {
            for (const QString &name : std::as_const(names)) {
                ListSessionsRequest r = base;
                r.workGroup = name;
                r.stateFilter = f;
                run->queue << r;
            }
        }
        // The chains likely to be longest take the connections first.
        std::stable_sort(run->queue.begin(), run->queue.end(), [](const ListSessionsRequest &a, const ListSessionsRequest &b) {
            return listingPriority(a.stateFilter) < listingPriority(b.stateFilter);
        });
        // Done: print what was listed, by workgroup, newest first, as one listing would.
        auto finish = [this, run] {
            QList<Listed> all = run->sessions.values();
            std::sort(all.begin(), all.end(), [](const Listed &a, const Listed &b) {
                if (a.workGroup != b.workGroup)
                    return a.workGroup < b.workGroup;
                if (a.summary.status.startDateTime != b.summary.status.startDateTime)
                    return a.summary.status.startDateTime > b.summary.status.startDateTime;
                return a.summary.sessionId < b.summary.sessionId;
            });
            if (m_table) {
                QList<QStringList> rows;
                rows.reserve(all.size());
                for (const Listed &l : std::as_const(all)) {
                    const SessionSummary &s = l.summary;
                    rows << QStringList{l.workGroup, s.sessionId, s.status.stateLabelText(), s.description,
                                        textoutput::timeText(s.status.startDateTime),
                                        textoutput::timeText(s.status.idleSinceDateTime), s.engineVersion.effective};
                }
                textoutput::printTable(m_out, {u"WorkGroup"_s, u"SessionId"_s, u"State"_s, u"Description"_s, u"Started"_s,
                                               u"IdleSince"_s, u"Engine"_s}, rows);
                return done(Ok);
            }
            QByteArray doc("{\n    \"Sessions\": [");
            doc.reserve(all.size() * 600 + 64);
            for (qsizetype i = 0; i < all.size(); ++i) {
                doc += i ? ",\n        " : "\n        ";
                jsonoutput::appendSummary(doc, all.at(i).summary, 8, all.at(i).workGroup);
            }
            doc += all.isEmpty() ? "]\n}\n" : "\n    ]\n}\n";
            writeBytes(doc);
            done(Ok);
        };
        if (run->queue.isEmpty())
            return finish();
        auto startMore = std::make_shared<std::function<void()>>();
        *startMore = [this, run, finish, next = std::weak_ptr(startMore)] {
            while (!run->failed && run->running < kChainsInFlight && !run->queue.isEmpty()) {
                const ListSessionsRequest request = run->queue.takeFirst();
                auto *walker = new ListSessionsWalker(m_connection->client.get(), request, this);
                walker->setProperty("workGroup", request.workGroup);
                ++run->running;
                connect(walker, &ListSessionsWalker::pageReceived, this,
                        [this, run, walker](const QList<SessionSummary> &sessions, int) {
                            const QString group = walker->property("workGroup").toString();
                            for (const SessionSummary &s : sessions) {
                                auto it = run->sessions.find(s.sessionId);
                                // Seen by two chains (it changed state between them): keep the newer.
                                if (it == run->sessions.end())
                                    run->sessions.insert(s.sessionId, Listed{s, group});
                                else if (s.status.lastModifiedDateTime >= it->summary.status.lastModifiedDateTime)
                                    it->summary = s;
                            }
                            ++run->pages;
                            m_err << "Page " << run->pages << ": " << run->sessions.size() << " sessions\n";
                            m_err.flush();
                            if (run->sessions.size() > kListSessionsPaging.maxItems && !run->failed) {
                                run->failed = true;
                                fail(aws::AwsError::make(aws::AwsError::Kind::Decode, u"TooManyItems"_s,
                                                         u"ListSessions stopped at %1 sessions over every workgroup, the most "
                                                         u"one listing keeps; list one workgroup at a time"_s
                                                             .arg(run->sessions.size())));
                            }
                        });
                connect(walker, &ListSessionsWalker::finished, this, [this, run, walker, finish, next] {
                    walker->deleteLater();
                    --run->running;
                    if (run->failed)
                        return;
                    if (walker->error()) {
                        // No half listing on stdout: what went wrong, and which workgroup.
                        run->failed = true;
                        aws::AwsError e = *walker->error();
                        e.message = u"%1 (listing workgroup %2)"_s.arg(e.message, walker->property("workGroup").toString());
                        return fail(e);
                    }
                    if (run->running == 0 && run->queue.isEmpty())
                        return finish();
                    if (auto more = next.lock())
                        (*more)();
                });
                walker->start();
            }
        };
        m_chainStarter = startMore;
        (*startMore)();
    });
}
