#pragma once

#include <QMessageBox>

// Message boxes that tests can answer: setNextAnswer() makes the next question return at once.
namespace messageboxes {

QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                     QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::StandardButton defaultButton = QMessageBox::No);
void warning(QWidget *parent, const QString &title, const QString &text);
// A confirmation whose buttons say what they do: `acceptText` ("Terminate 3 sessions") and
// Cancel, Cancel the default. True when accepted (setNextAnswer(Yes) in tests).
bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText);

void setNextAnswer(QMessageBox::StandardButton answer);
// What the last box asked, and its accepting button's text, for tests.
QString lastText();
QString lastAcceptText();

} // namespace messageboxes
