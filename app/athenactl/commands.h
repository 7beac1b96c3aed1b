#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// athenactl's commands: the options each accepts (the global ones are always accepted) and the
// synopsis for --help.
struct CommandSpec
{
    QString name;
    QStringList options;
    QString synopsis;
};

const QList<CommandSpec> &commands();
const CommandSpec *findCommand(const QString &name);
