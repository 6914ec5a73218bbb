// Joins an artifact name to the parameter source URL the way the official data provider does
// (url::Url::join, RFC 3986 reference resolution of a relative path): the name replaces
// everything after the base path's last '/', so "https://h/p/" + "a/b" is "https://h/p/a/b" but
// "https://h/p" + "a/b" is "https://h/a/b". Query and fragment of the base are dropped.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace nightjar::params {

// `name` is a relative path without a leading '/', as every catalog name is.
std::string join_url(std::string_view base, std::string_view name);

}  // namespace nightjar::params
