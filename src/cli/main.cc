#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "ff/backend.h"

int main(int argc, char** argv) {
  CLI::App app{"nightjar: a Midnight proof server and its tools"};
  app.require_subcommand(1);

  app.add_subcommand("version", "Print the version and the arithmetic backend")->callback([] {
    std::exit(nightjar::cli::run_version());
  });
  app.add_subcommand("selftest", "Known-answer tests of every arithmetic backend this CPU runs")
      ->callback([] { std::exit(nightjar::cli::run_selftest()); });

  CLI::App* params = app.add_subcommand("params", "Inspect KZG parameter (SRS) files");
  params->require_subcommand(1);
  std::string params_file;
  CLI::App* verify = params->add_subcommand("verify", "Check every point and the powers of tau");
  verify->add_option("file", params_file, "bls_midnight_2p{k} file")->required();
  verify->callback([&] { std::exit(nightjar::cli::run_params_verify(params_file)); });

  const nightjar::Status& startup = nightjar::ff::startup_status();
  if (!startup.is_ok()) {
    std::fprintf(stderr, "nightjar: %s\n", startup.message().c_str());
    return 2;
  }
  CLI11_PARSE(app, argc, argv);
  return 0;
}
