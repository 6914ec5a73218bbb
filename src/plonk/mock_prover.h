// A mock prover: checks an Assignment against a ConstraintSystem without proving, as
// midnight-proofs 0.7.1's dev::MockProver::verify does, to find which gate, lookup, trash argument
// or copy constraint a synthesis gets wrong.
//
// What is checked (the constraint system must have had its selectors converted to fixed columns):
//  - every gate constraint on every usable row and on every blinding row, rotations wrapping mod
//    n. As in MockProver, advice cells at rows >= usable_rows() are "poisoned" (the real prover
//    fills them with random blinding values): a constraint whose value depends on one is reported
//    as kGatePoisoned (once per constraint, at its first such row); poison times zero is zero, so a
//    gate switched off by its selector never reports it. Fixed and instance cells there are zero,
//    and so are those of unblinded advice columns, which the real prover leaves zero (MockProver
//    poisons them too, reporting gates that the real proof satisfies).
//  - every lookup: on each usable row the input tuple must equal the table tuple of some usable
//    row (poisoned values compare equal only to poison, as in MockProver).
//  - every trash argument (additive selectors): on every row where the selector expression is
//    non-zero, each constraint must be zero. The verifier's identity is
//    Σ r^i·c_i − (1 − q)·trash = 0 on all n rows and the honest prover commits trash = Σ r^i·c_i,
//    so its proof verifies exactly when q·c_i = 0 on every row; with 0/1 selectors this is "the
//    constraints hold where the selector is 1". The official MockProver does not check trash
//    arguments at all.
//  - every copy constraint: both cells in columns of the permutation argument, on usable rows,
//    with equal values. (MockProver's "copied an unassigned cell" and "cell not assigned in its
//    region" checks need synthesis metadata an Assignment does not keep.)
//  - the shape: column counts of the constraint system, 2^k values per column.
//
// Challenges (for multi-phase circuits) take MockProver's values: the BLAKE2b-512 hash chain
// seeded with "Halo2-MockProver", each hash reduced as a 64-byte uniform field element.
//
// Failures are ordered as MockProver lists them: gates (by gate, constraint, row), then lookups
// (by lookup, row), then trash arguments (by argument, constraint, row), then copies (in the
// assignment's order). Messages name the argument, constraint and row but carry no cell values
// unless MockOptions::verbose is set: advice values are witness data and messages can reach logs.
//
// Thread safety: reentrant; rows are checked in parallel on ThreadPool::global().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "plonk/assignment.h"
#include "plonk/constraint_system.h"

namespace nightjar::plonk {

struct MockFailure {
  enum class Kind : uint8_t {
    kShape,         // the assignment does not fit the constraint system
    kGate,          // a gate constraint is non-zero
    kGatePoisoned,  // a gate constraint depends on a blinding row's advice value
    kLookup,        // an input tuple is not in the table
    kTrash,         // a trash constraint is non-zero where its selector is not
    kCopy,          // copied cells differ, or a copy names a cell outside the argument
  };
  Kind kind = Kind::kShape;
  // The gate, lookup or trash argument index, or the copy's index in Assignment::copies.
  size_t index = 0;
  // The constraint's index in its gate or trash argument; 0 for lookups and copies.
  size_t constraint = 0;
  // The gate, lookup or trash argument name; empty for copies.
  std::string name;
  // The gate constraint's name (often empty, as in the official chips).
  std::string constraint_name;
  // Where the check failed: the gate/lookup/trash row, or the copy's left row.
  size_t row = 0;
  // The copied cells (kCopy only).
  Cell left, right;
  // One line naming all of the above; cell values only when MockOptions::verbose was set.
  std::string message;
};

struct MockOptions {
  // How many failures to collect into `failures` (the first ones in the order above).
  size_t max_failures = 16;
  // Append the values involved (queried cells, lookup inputs, copied values) to messages.
  // Debugging only: these are witness values.
  bool verbose = false;
  // Threads of ThreadPool::global() to use; 0 = the whole pool.
  size_t max_threads = 0;
};

// Ok when the assignment satisfies every check; otherwise a kInvalidArgument Status whose message
// is the first failure's. When `failures` is given it receives up to options.max_failures
// failures in order (it is cleared first).
[[nodiscard]] Status mock_verify(const ConstraintSystem& cs, const Assignment& assignment,
                                 const MockOptions& options = {},
                                 std::vector<MockFailure>* failures = nullptr);

// The challenge values MockProver uses, `count` of them.
std::vector<ff::Fr> mock_challenges(size_t count);

std::string_view failure_kind_name(MockFailure::Kind kind);

}  // namespace nightjar::plonk
