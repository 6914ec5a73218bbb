// libFuzzer target: the Intel TDX v4 quote (header, TD body, signature, QE report and
// certification data with its PEM chain) and its verifier.
#include <cstddef>
#include <cstdint>
#include <span>

#include "attest/tdx_quote.h"
#include "attest/tdx_verifier.h"
#include "attest/utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::attest;
  std::span<const uint8_t> input(data, size);
  (void)parse_tdx_quote(input);
  static const VerifyContext context{.now = from_unix_millis(1735689600000)};
  (void)verify_tdx(input, Policy{}, context).accepted();
  return 0;
}
