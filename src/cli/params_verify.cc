#include <cstdio>

#include "cli/commands.h"
#include "pcs/kzg/params.h"

namespace nightjar::cli {

int run_params_verify(const std::string& path) {
  auto params = kzg::Params::open(path);
  if (!params.is_ok()) {
    std::fprintf(stderr, "error: %s\n", params.status().message().c_str());
    return 1;
  }
  auto report = params->verify();
  if (!report.is_ok()) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), report.status().message().c_str());
    return 1;
  }
  auto yes_no = [](bool b) { return b ? "ok" : "FAILED"; };
  std::printf("file: %s\nk: %u\n", path.c_str(), params->k());
  std::printf("g1 points on curve and in subgroup: %zu\n", report->g1_points);
  std::printf("g2, s_g2 in subgroup: ok\n");
  std::printf("e(g[1], g2) == e(g[0], s_g2): %s\n", yes_no(report->first_power_pairing));
  std::printf("all powers consistent (batched pairing): %s\n", yes_no(report->powers_consistent));
  std::printf("lagrange points sum to g[0]: %s\n", yes_no(report->lagrange_sum_is_g0));
  bool ok = report->first_power_pairing && report->powers_consistent && report->lagrange_sum_is_g0;
  std::printf("result: %s\n", ok ? "valid" : "INVALID");
  return ok ? 0 : 1;
}

}  // namespace nightjar::cli
