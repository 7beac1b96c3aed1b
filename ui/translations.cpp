#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

#include <functional>
#include <QLibraryInfo>

Translations::Translations(const QLocale &locale)
{
    const auto install = [this](const std::function<bool(QTranslator &)> &load) {
        auto translator = std::make_unique<QTranslator>();
        if (load(*translator) && QCoreApplication::installTranslator(translator.get()))
            m_translators.push_back(std::move(translator));
    };
    // Installed later means asked first: the user's language wins over the English plurals.
    install([](QTranslator &t) { return t.load(QStringLiteral("athena-sessions_en"), QStringLiteral(":/i18n")); });
    if (locale.language() != QLocale::English) {
        install([&locale](QTranslator &t) {
            return t.load(locale, QStringLiteral("athena-sessions"), QStringLiteral("_"), QStringLiteral(":/i18n"));
        });
    }
    install([&locale](QTranslator &t) {
        return t.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    });
}

Translations::~Translations()
{
    for (const auto &t : m_translators)
        QCoreApplication::removeTranslator(t.get());
}

QStringList Translations::loaded() const
{
    QStringList files;
    for (const auto &t : m_translators)
        files << t->filePath();
    return files;
}
