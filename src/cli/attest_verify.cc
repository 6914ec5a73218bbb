#include <string>
namespace nightjar::cli {
int run_attest_verify_file(const std::string&, const std::string&, const std::string&, bool) {
  return 0;
}
}  // namespace nightjar::cli
