#include "athenactl/commands.h"

using namespace Qt::StringLiterals;

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> list = {
        {u"list-sessions"_s, {u"work-group"_s, u"state-filter"_s, u"max-results"_s, u"next-token"_s, u"all-pages"_s, u"all-work-groups"_s},
         u"list-sessions --work-group WG [--state-filter STATE] [--max-results N] [--next-token T] [--all-pages]\n"
         u"  list-sessions --all-work-groups [--state-filter STATE] [--max-results N]\n"
         u"                (every page of every Spark workgroup at once, each session with its WorkGroup)"_s},
        {u"get-session"_s, {u"session-id"_s}, u"get-session SESSION_ID"_s},
        {u"get-session-status"_s, {u"session-id"_s}, u"get-session-status SESSION_ID"_s},
        {u"start-session"_s,
         {u"work-group"_s, u"max-concurrent-dpus"_s, u"coordinator-dpu-size"_s, u"default-executor-dpu-size"_s,
          u"description"_s, u"idle-timeout-minutes"_s, u"notebook-version"_s, u"additional-config"_s,
          u"spark-property"_s, u"client-request-token"_s, u"execution-role"_s, u"wait"_s, u"tag"_s,
          u"copy-work-group-tags"_s, u"monitoring-configuration"_s, u"classifications"_s, u"cli-input-json"_s,
          u"generate-cli-skeleton"_s},
         u"start-session --work-group WG --max-concurrent-dpus N [--coordinator-dpu-size N]\n"
         u"                [--default-executor-dpu-size N] [--description D] [--idle-timeout-minutes N]\n"
         u"                [--notebook-version V] [--additional-config K=V]... [--spark-property K=V]...\n"
         u"                [--execution-role ARN] [--tag K=V]... [--copy-work-group-tags]\n"
         u"                [--monitoring-configuration JSON] [--classifications JSON]\n"
         u"                [--cli-input-json JSON|file://PATH] [--generate-cli-skeleton]\n"
         u"                [--client-request-token T] [--wait]"_s},
        {u"terminate-session"_s, {u"session-id"_s}, u"terminate-session SESSION_ID"_s},
        {u"list-work-groups"_s, {}, u"list-work-groups"_s},
        {u"list-engine-versions"_s, {u"max-results"_s, u"next-token"_s, u"all-pages"_s},
         u"list-engine-versions [--max-results N] [--next-token T] [--all-pages]"_s},
        // Inside a session: calculationcommands.cpp.
        {u"list-calculation-executions"_s,
         {u"session-id"_s, u"state-filter"_s, u"max-results"_s, u"next-token"_s, u"all-pages"_s},
         u"list-calculation-executions SESSION_ID [--state-filter CSTATE] [--max-results N] [--next-token T]\n"
         u"                [--all-pages]"_s},
        {u"get-calculation-execution"_s, {u"calculation-execution-id"_s}, u"get-calculation-execution CALCULATION_ID"_s},
        {u"get-calculation-execution-status"_s, {u"calculation-execution-id"_s},
         u"get-calculation-execution-status CALCULATION_ID"_s},
        {u"get-calculation-execution-code"_s, {u"calculation-execution-id"_s},
         u"get-calculation-execution-code CALCULATION_ID   (table: the code as it is)"_s},
        {u"start-calculation-execution"_s,
         {u"session-id"_s, u"code-block"_s, u"calculation-configuration"_s, u"description"_s, u"client-request-token"_s,
          u"wait"_s, u"wait-timeout"_s, u"cli-input-json"_s, u"generate-cli-skeleton"_s},
         u"start-calculation-execution SESSION_ID --code-block TEXT|file://PATH [--description D]\n"
         u"                [--calculation-configuration JSON] [--client-request-token T]\n"
         u"                [--cli-input-json JSON|file://PATH] [--generate-cli-skeleton]\n"
         u"                [--wait [--wait-timeout SECONDS]]"_s},
        {u"stop-calculation-execution"_s, {u"calculation-execution-id"_s}, u"stop-calculation-execution CALCULATION_ID"_s},
        {u"list-executors"_s,
         {u"session-id"_s, u"executor-state-filter"_s, u"max-results"_s, u"next-token"_s, u"all-pages"_s},
         u"list-executors SESSION_ID [--executor-state-filter ESTATE] [--max-results N] [--next-token T]\n"
         u"                [--all-pages]"_s},
        {u"get-session-endpoint"_s, {u"session-id"_s, u"show-token"_s},
         u"get-session-endpoint SESSION_ID [--show-token]   (the Spark Connect URL; the token only with\n"
         u"                --show-token, as JSON)"_s},
        {u"configure"_s, {}, u"configure list              (the resolved profile, region, endpoint, credentials)"_s},
        {u"sso"_s, {u"no-browser"_s},
         u"sso login [--no-browser]    (sign in to IAM Identity Center, sharing the AWS CLI's cache)\n"
         u"  sso logout                  (forget the profile's IAM Identity Center sign-in)"_s},
    };
    return list;
}

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &c : commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}
