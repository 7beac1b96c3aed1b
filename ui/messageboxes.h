#pragma once

#include <QMessageBox>

// Message boxes that tests can answer: setNextAnswer() makes the next question return at once.
namespace messageboxes {

QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                     QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::StandardButton defaultButton = QMessageBox::No);
void warning(QWidget *parent, const QString &title, const QString &text);

void setNextAnswer(QMessageBox::StandardButton answer);
// What the last box asked, for tests.
QString lastText();

} // namespace messageboxes
