// A guard to run before a recursive JSON parser (nlohmann's recurses once per level): whether the
// nesting of [ and { outside strings goes past `limit`. One linear pass; it does not validate.
// Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <string_view>

namespace nightjar {

bool json_exceeds_depth(std::string_view text, size_t limit);

}  // namespace nightjar
