#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Python colouring for read-only code and the code editor: keywords, built-ins, strings (also
// triple-quoted over several lines), numbers, comments and decorators. The colours come from the
// palette given, so the text stays readable in light and dark themes.
class PythonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PythonHighlighter)

public:
    explicit PythonHighlighter(QTextDocument *document);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat *format;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_keyword;
    QTextCharFormat m_builtin;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_comment;
    QTextCharFormat m_decorator;
};
