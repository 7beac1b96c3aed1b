#pragma once

#include "aws/awsconfig.h"
#include "aws/awsjsontransport.h"

#include <QFile>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace testing {

// A test class's base for settings read from files: a fresh AWS config and credentials file pair
// per test (resetConfig() in init()), the environment that names them, settings resolved from
// them, and one transport call run to its end.
class AwsConfigFixture : public QObject
{
protected:
    void resetConfig()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        writeConfig("[default]\nregion = eu-west-1\n");
    }

    void writeConfig(const QByteArray &text)
    {
        QFile config(m_dir->filePath(QStringLiteral("config")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(text);
        config.close();
        QFile credentials(m_dir->filePath(QStringLiteral("credentials")));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        auto files = aws::AwsConfigFiles::load(env());
        QVERIFY2(files.ok(), qPrintable(files.ok() ? QString() : files.error().toString()));
        m_files = std::make_unique<aws::AwsConfigFiles>(files.value());
    }

    aws::Environment env(std::initializer_list<std::pair<QString, QString>> extra = {}) const
    {
        aws::Environment e{{QStringLiteral("AWS_CONFIG_FILE"), m_dir->filePath(QStringLiteral("config"))},
                           {QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir->filePath(QStringLiteral("credentials"))}};
        for (const auto &[k, v] : extra)
            e.insert(k, v);
        return e;
    }

    aws::Result<aws::ClientSettings> resolve(const QString &service, const aws::Environment &e, const QString &profile = {})
    {
        return aws::SettingsResolver(*m_files, e).resolve(service, profile, {}, {});
    }

    // ListWorkGroups through `transport`, waited for (20 s at most).
    aws::Result<aws::AwsResponse> run(aws::AwsJsonTransport *transport)
    {
        aws::AwsCall *call = transport->call(QStringLiteral("ListWorkGroups"), "{}");
        std::optional<aws::Result<aws::AwsResponse>> result;
        connect(call, &aws::AwsCall::finished, this, [&result, call] { result = call->result(); });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return aws::AwsError::make(aws::AwsError::Kind::Timeout, QStringLiteral("TestTimeout"),
                                       QStringLiteral("call did not finish"));
        return *result;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<aws::AwsConfigFiles> m_files;
};

} // namespace testing
