// The nightjar command-line program's subcommands; each returns the process exit code.
#pragma once

#include <string>

namespace nightjar::cli {

int run_version();
int run_selftest();
int run_params_verify(const std::string& path);

}  // namespace nightjar::cli
