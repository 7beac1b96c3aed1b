#pragma once

#include <QString>

#include <optional>

// Asks for an MFA code on the terminal, as the AWS CLI does (no echo); nullopt without a terminal
// or without an answer. The code is never echoed, logged or kept.
std::optional<QString> readMfaCodeFromTerminal(const QString &serial);
bool stdinIsTerminal();
