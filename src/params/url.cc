#include "params/url.h"

namespace nightjar::params {

std::string join_url(std::string_view base, std::string_view name) {
  base = base.substr(0, base.find_first_of("?#"));
  size_t path_start = 0;
  if (size_t scheme_end = base.find("://"); scheme_end != std::string_view::npos) {
    path_start = base.find('/', scheme_end + 3);
    if (path_start == std::string_view::npos) {
      // An authority with an empty path resolves as if the path were "/".
      return std::string(base) + "/" + std::string(name);
    }
  }
  size_t last_slash = base.rfind('/');
  if (last_slash == std::string_view::npos || last_slash < path_start) {
    return std::string(base) + "/" + std::string(name);
  }
  return std::string(base.substr(0, last_slash + 1)) + std::string(name);
}

}  // namespace nightjar::params
