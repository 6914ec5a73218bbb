#include <cstdio>
#include <string>

#include "base/cpu.h"
#include "cli/commands.h"
#include "ff/backend.h"

namespace nightjar::cli {

int run_version() {
  std::printf("nightjar %s\n", NIGHTJAR_VERSION);
  std::printf("cpu: %s\n", describe_cpu().c_str());
  std::printf("backend: %s\n", std::string(ff::backend_name(ff::active_backend())).c_str());
  return 0;
}

}  // namespace nightjar::cli
