// libFuzzer target: the AWS shared config and credentials parser, and settings resolution on it.
#include "aws/awsconfig.h"
#include "aws/credentialsprovider.h"
#include "aws/sharedconfigfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto file = aws::SharedConfigFile::parse(bytes, QStringLiteral("fuzz-config"));
    if (!file.ok()) {
        if (!file.error().message.startsWith(QStringLiteral("fuzz-config line ")))
            __builtin_trap(); // every parse error names the file and line
        return 0;
    }
    for (const QString &name : file->sectionNames()) {
        const aws::ConfigSection *s = file->section(name);
        for (auto it = s->values.begin(); it != s->values.end(); ++it)
            (void)s->value(it.key());
    }
    (void)aws::splitCommandLine(QString::fromUtf8(bytes));
    return 0;
}
