// `nightjar verify`: checks a proof as Midnight's verifier does. The statement is the circuit's
// public inputs, computed by running its ZKIR on the preimage (as the prover formed them); the
// key's architecture gives the constraint system; G2 points come from the SRS directory. Prints
// `ok` and exits 0, or prints `error: <reason>` and exits 1.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/statement.h"

namespace nightjar::cli {

int run_verify(const VerifyFiles& files) {
  Result<Statement> statement = load_statement(files);
  if (!statement.is_ok()) return fail(statement.status());
  const Status s = midnight::verify_proof(statement->params, statement->key,
                                          statement->public_inputs, statement->proof);
  if (!s.is_ok()) return fail(s);
  std::printf("ok\n");
  return 0;
}

}  // namespace nightjar::cli
