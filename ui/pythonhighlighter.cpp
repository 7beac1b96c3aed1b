#include "ui/pythonhighlighter.h"

using namespace Qt::StringLiterals;

namespace {
enum BlockState { Normal = 0, InTripleDouble = 1, InTripleSingle = 2 };
} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    const QString keywords = u"\\b(?:and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|"
                             "global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield|None|True|"
                             "False)\\b"_s;
    const QString builtins = u"\\b(?:print|len|range|sum|min|max|sorted|list|dict|set|tuple|str|int|float|bool|open|enumerate|"
                             "zip|map|filter|isinstance|spark|sc|df)\\b"_s;
    m_rules = {
        {QRegularExpression(keywords), &m_keyword},
        {QRegularExpression(builtins), &m_builtin},
        {QRegularExpression(u"\\b(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)\\b"_s), &m_number},
        {QRegularExpression(u"^\\s*@[\\w.]+"_s), &m_decorator},
        {QRegularExpression(u"[rRbBfFuU]{0,2}\"(?:[^\"\\\\]|\\\\.)*\"|[rRbBfFuU]{0,2}'(?:[^'\\\\]|\\\\.)*'"_s), &m_string},
        {QRegularExpression(u"#[^\\n]*"_s), &m_comment},
    };
    setDark(false);
}

void PythonHighlighter::setDark(bool dark)
{
    m_keyword.setForeground(dark ? QColor(0xc6, 0x92, 0xff) : QColor(0x7a, 0x1f, 0xa2));
    m_keyword.setFontWeight(QFont::Bold);
    m_builtin.setForeground(dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x0b, 0x5c, 0xad));
    m_string.setForeground(dark ? QColor(0xa5, 0xd6, 0x8a) : QColor(0x1b, 0x6e, 0x20));
    m_number.setForeground(dark ? QColor(0xf7, 0xb0, 0x6a) : QColor(0xa0, 0x4a, 0x00));
    m_comment.setForeground(dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x6a, 0x6a, 0x6a));
    m_comment.setFontItalic(true);
    m_decorator.setForeground(dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0x8d, 0x6e, 0x00));
    rehighlight();
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            setFormat(static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()), *rule.format);
        }
    }
    // Triple-quoted strings run over lines: the block state carries which quote is open.
    setCurrentBlockState(Normal);
    qsizetype from = 0;
    int open = previousBlockState() > 0 ? previousBlockState() : Normal;
    while (from <= text.size()) {
        if (open == Normal) {
            const qsizetype d = text.indexOf(u"\"\"\""_s, from);
            const qsizetype s = text.indexOf(u"'''"_s, from);
            if (d < 0 && s < 0)
                break;
            const bool isDouble = s < 0 || (d >= 0 && d < s);
            open = isDouble ? InTripleDouble : InTripleSingle;
            from = isDouble ? d : s;
            const qsizetype close = text.indexOf(isDouble ? u"\"\"\""_s : u"'''"_s, from + 3);
            const qsizetype end = close < 0 ? text.size() : close + 3;
            setFormat(static_cast<int>(from), static_cast<int>(end - from), m_string);
            if (close < 0) {
                setCurrentBlockState(open);
                break;
            }
            open = Normal;
            from = end;
        } else {
            const qsizetype close = text.indexOf(open == InTripleDouble ? u"\"\"\""_s : u"'''"_s, from);
            const qsizetype end = close < 0 ? text.size() : close + 3;
            setFormat(static_cast<int>(from), static_cast<int>(end - from), m_string);
            if (close < 0) {
                setCurrentBlockState(open);
                break;
            }
            open = Normal;
            from = end;
        }
    }
}
