#pragma once

#include <QLocale>
#include <QStringList>
#include <QTranslator>

#include <memory>
#include <vector>

// The translations the application installs for a locale, lowest priority first: this app's
// English plural forms ("1 session", "2 sessions"; the source strings say "%n session(s)"), the
// app's strings in the user's language, and Qt's own (Cancel, Yes, No, the file dialog) from
// Debian's qt6-translations-l10n. Removed again when destroyed.
class Translations final
{
public:
    explicit Translations(const QLocale &locale = QLocale());
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    // What was installed, e.g. ":/i18n/athena-sessions_en.qm", for diagnostics and tests.
    QStringList loaded() const;

private:
    std::vector<std::unique_ptr<QTranslator>> m_translators;
};
