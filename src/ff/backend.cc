#include "ff/backend.h"

#include <cstdlib>
#include <string>

#include "base/cpu.h"
#include "ff/fp_params.h"
#include "ff/fr_params.h"

namespace nightjar::ff {
namespace detail {
bool g_use_adx = false;
}  // namespace detail

namespace {

Status g_startup_status;

bool cpu_can_run(Backend backend) {
  switch (backend) {
    case Backend::kPortable:
      return true;
    case Backend::kAdx:
#if NIGHTJAR_HAVE_ADX_KERNELS
      return cpu_features().bmi2 && cpu_features().adx;
#else
      return false;
#endif
  }
  return false;
}

// Deterministic pseudo-random limbs below the modulus (xorshift; quality is irrelevant here).
template <size_t N>
portable::Limbs<N> sample_below(uint64_t& state, const portable::Limbs<N>& p) {
  portable::Limbs<N> x;
  for (auto& limb : x) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    limb = state;
  }
  x[N - 1] %= p[N - 1];
  return x;
}

// Runs the active kernels against the portable ones on fixed pseudo-random inputs.
template <class P>
bool kernels_agree_with_portable() {
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  constexpr size_t N = P::kLimbs;
  for (int i = 0; i < 64; ++i) {
    auto a = sample_below<N>(state, P::kModulus);
    auto b = sample_below<N>(state, P::kModulus);
    if (i == 0) a = portable::Limbs<N>{};
    if (i == 1) portable::sub_borrow(b, P::kModulus, P::kOne);
    portable::Limbs<N> fast, reference, fast_sqr, reference_sqr;
    mul_mont<N>(fast, a, b, P::kModulus, P::kN0);
    portable::mul_mont<N>(reference, a, b, P::kModulus, P::kN0);
    sqr_mont<N>(fast_sqr, a, P::kModulus, P::kN0);
    portable::mul_mont<N>(reference_sqr, a, a, P::kModulus, P::kN0);
    if (fast != reference || fast_sqr != reference_sqr) return false;
  }
  return true;
}

bool self_test_active() {
  return kernels_agree_with_portable<FpParams>() && kernels_agree_with_portable<FrParams>();
}

void activate(Backend backend) { detail::g_use_adx = backend == Backend::kAdx; }

void select_at_startup() {
  Backend wanted = cpu_can_run(Backend::kAdx) ? Backend::kAdx : Backend::kPortable;
  if (const char* env = std::getenv("NIGHTJAR_CPU"); env != nullptr && *env != '\0') {
    Result<Backend> parsed = parse_backend(env);
    if (!parsed.is_ok()) {
      g_startup_status = parsed.status();
      wanted = Backend::kPortable;
    } else {
      wanted = *parsed;
    }
  }
  Status s = set_backend(wanted);
  if (!s.is_ok()) {
    if (g_startup_status.is_ok()) g_startup_status = s;
    activate(Backend::kPortable);
  }
}

// A dynamic initializer rather than a constructor attribute: it runs after g_startup_status
// (defined above in this file) is initialised. Code running before it simply uses the portable
// kernels.
const bool kSelectedAtStartup = (select_at_startup(), true);

}  // namespace

std::string_view backend_name(Backend backend) {
  switch (backend) {
    case Backend::kPortable:
      return "portable";
    case Backend::kAdx:
      return "adx";
  }
  return "unknown";
}

Result<Backend> parse_backend(std::string_view name) {
  if (name == "portable") return Backend::kPortable;
  if (name == "adx") return Backend::kAdx;
  return invalid_argument("NIGHTJAR_CPU: unknown backend '" + std::string(name) +
                          "' (expected portable or adx)");
}

Backend active_backend() { return detail::g_use_adx ? Backend::kAdx : Backend::kPortable; }

std::vector<Backend> supported_backends() {
  std::vector<Backend> out;
  Backend saved = active_backend();
  for (Backend b : {Backend::kPortable, Backend::kAdx}) {
    if (!cpu_can_run(b)) continue;
    activate(b);
    if (self_test_active()) out.push_back(b);
  }
  activate(saved);
  return out;
}

Status set_backend(Backend backend) {
  if (!cpu_can_run(backend)) {
    return Status(StatusCode::kFailedPrecondition,
                  "backend '" + std::string(backend_name(backend)) +
                      "' is not available on this CPU or in this build");
  }
  Backend saved = active_backend();
  activate(backend);
  if (!self_test_active()) {
    activate(saved);
    return Status(StatusCode::kInternal, "backend '" + std::string(backend_name(backend)) +
                                             "' failed its known-answer self-test; refused");
  }
  return Status::ok();
}

const Status& startup_status() { return g_startup_status; }

}  // namespace nightjar::ff
