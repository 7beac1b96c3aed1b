#pragma once

#include "aws/awserror.h"

#include <utility>
#include <variant>

namespace aws {

// A value or the error that prevented it. A small stand-in for C++23's std::expected.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(AwsError error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const AwsError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, AwsError> m_data;
};

} // namespace aws
