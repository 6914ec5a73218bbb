#include "zkir/ir.h"

#include <array>

namespace nightjar::zkir {

namespace {

constexpr std::array<std::string_view, kInstructionKinds> kOpNames = {
    "assert",
    "cond_select",
    "constrain_bits",
    "constrain_eq",
    "constrain_to_boolean",
    "copy",
    "declare_pub_input",
    "pi_skip",
    "ec_add",
    "ec_mul",
    "ec_mul_generator",
    "hash_to_curve",
    "load_imm",
    "div_mod_power_of_two",
    "reconstitute_field",
    "output",
    "transient_hash",
    "persistent_hash",
    "test_eq",
    "add",
    "mul",
    "neg",
    "not",
    "less_than",
    "public_input",
    "private_input",
};

}  // namespace

std::string_view op_name(size_t index) {
  return index < kOpNames.size() ? kOpNames[index] : std::string_view();
}

}  // namespace nightjar::zkir
