#include "athenactl/terminalprompt.h"

#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

std::optional<QString> readMfaCodeFromTerminal(const QString &serial)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    std::fprintf(stderr, "Enter MFA code for %s: ", qPrintable(serial));
    std::fflush(stderr);
    termios saved{};
    const bool haveTerm = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerm) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (haveTerm)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fprintf(stderr, "\n");
    if (!got)
        return std::nullopt;
    return QString::fromStdString(line).trimmed();
}

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) != 0;
}
