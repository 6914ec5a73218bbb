#include "zkir/interpreter.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/secure_zero.h"
#include "circuits/embedded_group.h"
#include "circuits/fab.h"
#include "circuits/hash_to_curve.h"
#include "circuits/persistent_hash.h"
#include "circuits/poseidon.h"
#include "ff/fr_params.h"
#include "zkir/alignment.h"
#include "zkir/fr_format.h"

namespace nightjar::zkir {

namespace {

using ff::Fr;
using Limbs = std::array<uint64_t, 4>;

// The field's bit width (FR_BITS) and the bytes a field element stores losslessly
// (FR_BYTES_STORED): the official bounds on bit counts.
constexpr uint32_t kFieldBits = ff::FrParams::kBits;
constexpr uint32_t kStoredBits = 8 * 31;

// An empty vector may have no buffer at all, and memset(nullptr, 0, 0) is undefined.
void wipe(std::vector<Fr>& v) {
  if (!v.empty()) secure_zero(v.data(), v.size() * sizeof(Fr));
}

// x < 2^n for n <= 256.
bool fits_bits(const Limbs& x, uint32_t n) {
  for (uint32_t limb = 0; limb < 4; ++limb) {
    const uint32_t low = 64 * limb;
    if (n >= low + 64) continue;
    const uint64_t allowed = n <= low ? 0 : (uint64_t{1} << (n - low)) - 1;
    if ((x[limb] & ~allowed) != 0) return false;
  }
  return true;
}

Limbs shift_right(const Limbs& x, uint32_t n) {
  Limbs out{};
  const uint32_t words = n / 64, bits = n % 64;
  for (uint32_t i = 0; i + words < 4; ++i) {
    out[i] = x[i + words] >> bits;
    if (bits != 0 && i + words + 1 < 4) out[i] |= x[i + words + 1] << (64 - bits);
  }
  return out;
}

// x mod 2^n.
Limbs low_bits(const Limbs& x, uint32_t n) {
  Limbs out = x;
  for (uint32_t limb = 0; limb < 4; ++limb) {
    const uint32_t low = 64 * limb;
    if (n >= low + 64) continue;
    out[limb] &= n <= low ? 0 : (uint64_t{1} << (n - low)) - 1;
  }
  return out;
}

// x · 2^n | y, for x < 2^(256 - n) and y < 2^n.
Limbs shift_left_or(const Limbs& x, uint32_t n, const Limbs& y) {
  Limbs out = y;
  const uint32_t words = n / 64, bits = n % 64;
  for (uint32_t i = words; i < 4; ++i) {
    out[i] |= x[i - words] << bits;
    if (bits != 0 && i > words) out[i] |= x[i - words - 1] >> (64 - bits);
  }
  return out;
}

bool less_than(const Limbs& a, const Limbs& b) {
  for (size_t i = 4; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

Fr from_limbs(const Limbs& x) {
  std::optional<Fr> out = Fr::from_canonical(x);
  NIGHTJAR_CHECK(out.has_value());
  return *out;
}

Status fail(std::string message) { return invalid_argument(std::move(message)); }

// Values each instruction appends to memory, by wire discriminant (ir.h's alternative order).
constexpr std::array<uint8_t, kInstructionKinds> kPushes = {
    0,  // assert
    1,  // cond_select
    0,  // constrain_bits
    0,  // constrain_eq
    0,  // constrain_to_boolean
    1,  // copy
    0,  // declare_pub_input
    0,  // pi_skip
    2,  // ec_add
    2,  // ec_mul
    2,  // ec_mul_generator
    2,  // hash_to_curve
    1,  // load_imm
    2,  // div_mod_power_of_two
    1,  // reconstitute_field
    0,  // output
    1,  // transient_hash
    2,  // persistent_hash
    1,  // test_eq
    1,  // add
    1,  // mul
    1,  // neg
    1,  // not
    1,  // less_than
    1,  // public_input
    1,  // private_input
};

// One run of the machine. Members are the official preprocess's local variables.
class Machine {
 public:
  Machine(const Ir& ir, const CheckInputs& in) : ir_(ir), in_(in) {}

  ~Machine() {
    wipe(memory_);
    wipe(outputs_);
    wipe(scratch_);
  }

  Result<Preprocessed> run();

  // Instruction handlers (std::visit).
  Status operator()(const Assert& i);
  Status operator()(const CondSelect& i);
  Status operator()(const ConstrainBits& i);
  Status operator()(const ConstrainEq& i);
  Status operator()(const ConstrainToBoolean& i);
  Status operator()(const Copy& i);
  Status operator()(const DeclarePubInput& i);
  Status operator()(const PiSkip& i);
  Status operator()(const EcAdd& i);
  Status operator()(const EcMul& i);
  Status operator()(const EcMulGenerator& i);
  Status operator()(const HashToCurve& i);
  Status operator()(const LoadImm& i);
  Status operator()(const DivModPowerOfTwo& i);
  Status operator()(const ReconstituteField& i);
  Status operator()(const Output& i);
  Status operator()(const TransientHash& i);
  Status operator()(const PersistentHash& i);
  Status operator()(const TestEq& i);
  Status operator()(const Add& i);
  Status operator()(const Mul& i);
  Status operator()(const Neg& i);
  Status operator()(const Not& i);
  Status operator()(const LessThan& i);
  Status operator()(const PublicInput& i);
  Status operator()(const PrivateInput& i);

 private:
  // " (instruction 12: constrain_eq)": where a failure happened, never what the values were.
  std::string at() const {
    return " (instruction " + std::to_string(pc_) + ": " +
           std::string(op_name(ir_.instructions[pc_])) + ")";
  }

  Status read(Index i, Fr& out) const {
    if (i >= memory_.size()) return fail("index out of bounds: " + std::to_string(i));
    out = memory_[i];
    return Status::ok();
  }

  Status read_bool(Index i, bool& out) const {
    Fr v;
    if (Status s = read(i, v); !s.is_ok()) return s;
    if (v.is_zero()) {
      out = false;
    } else if (v.is_one()) {
      out = true;
    } else {
      return fail("Expected boolean, found a non-boolean value at memory index " +
                  std::to_string(i) + at());
    }
    return Status::ok();
  }

  // The official idx_bits with a bound: the canonical value, which must be below 2^bits.
  Status read_bounded(Index i, uint32_t bits, Limbs& out) const {
    Fr v;
    if (Status s = read(i, v); !s.is_ok()) return s;
    if (bits >= kFieldBits) return fail("Excessive bit bound");
    out = v.to_canonical();
    if (!fits_bits(out, bits)) {
      return fail("Bit bound failed: the value at memory index " + std::to_string(i) + " is not " +
                  std::to_string(bits) + "-bit" + at());
    }
    return Status::ok();
  }

  // An absent guard counts as true.
  Status read_guard(const std::optional<Index>& guard, bool& out) const {
    out = true;
    return guard ? read_bool(*guard, out) : Status::ok();
  }

  Status read_point(Index x, Index y, ec::JubjubExtended& out) const {
    Fr vx, vy;
    if (Status s = read(x, vx); !s.is_ok()) return s;
    if (Status s = read(y, vy); !s.is_ok()) return s;
    Result<ec::JubjubExtended> p = circuits::embedded_point(vx, vy);
    if (!p.is_ok()) {
      return fail(p.status().message() + " at memory indices " + std::to_string(x) + ", " +
                  std::to_string(y) + at());
    }
    out = *p;
    return Status::ok();
  }

  // Fills scratch_ with the values at `indices`.
  Status gather(const std::vector<Index>& indices) {
    wipe(scratch_);
    scratch_.clear();
    for (Index i : indices) {
      Fr v;
      if (Status s = read(i, v); !s.is_ok()) return s;
      scratch_.push_back(v);
    }
    return Status::ok();
  }

  // run() reserved the memory a full run needs: a reallocation would strand witness copies.
  void push(const Fr& v) {
    NIGHTJAR_CHECK(memory_.size() < memory_.capacity());
    memory_.push_back(v);
  }
  void push(const circuits::Coordinates& c) {
    push(c[0]);
    push(c[1]);
  }

  Status finish();

  const Ir& ir_;
  const CheckInputs& in_;
  size_t pc_ = 0;
  std::vector<Fr> memory_;
  std::vector<Fr> pis_;
  PiSkips pi_skips_;
  std::vector<Fr> outputs_;
  std::vector<Fr> scratch_;
  // A signed cursor: pi_skip may move it below zero, where the official usize wraps; either way
  // no transcript entry is found there and the final count cannot match.
  int64_t public_transcript_inputs_idx_ = 0;
  size_t public_transcript_outputs_idx_ = 0;
  size_t private_transcript_idx_ = 0;
};

Result<Preprocessed> Machine::run() {
  if (in_.inputs.size() != ir_.num_inputs) {
    return fail("Expected " + std::to_string(ir_.num_inputs) + " inputs, received " +
                std::to_string(in_.inputs.size()));
  }
  // Reserved once, at the exact sizes a full run reaches, so that no reallocation leaves copies
  // of witness values behind.
  size_t pushes = 0, max_gather = 0, outputs = 0;
  for (const Instruction& ins : ir_.instructions) {
    pushes += kPushes[ins.index()];
    std::visit(
        [&](const auto& i) {
          using T = std::decay_t<decltype(i)>;
          if constexpr (std::is_same_v<T, TransientHash> || std::is_same_v<T, PersistentHash> ||
                        std::is_same_v<T, HashToCurve>) {
            max_gather = std::max(max_gather, i.inputs.size());
          } else if constexpr (std::is_same_v<T, Output>) {
            ++outputs;
          }
        },
        ins);
  }
  memory_.reserve(in_.inputs.size() + pushes);
  scratch_.reserve(std::max(max_gather, in_.inputs.size() + outputs));
  outputs_.reserve(outputs);
  memory_.assign(in_.inputs.begin(), in_.inputs.end());

  pis_.push_back(in_.binding_input);
  if (ir_.do_communications_commitment) {
    if (!in_.communications_commitment) return fail("Expected communications commitment");
    pis_.push_back(in_.communications_commitment->commitment);
  }
  for (pc_ = 0; pc_ < ir_.instructions.size(); ++pc_) {
    if (Status s = std::visit(*this, ir_.instructions[pc_]); !s.is_ok()) return s;
  }
  if (Status s = finish(); !s.is_ok()) return s;

  Preprocessed out;
  out.pi_skips = std::move(pi_skips_);
  out.public_inputs = std::move(pis_);
  // Moving keeps the single buffer; the moved-from vector is empty, so nothing is left to wipe.
  out.memory = WitnessMemory(std::move(memory_));
  memory_.clear();
  return out;
}

Status Machine::finish() {
  if (public_transcript_inputs_idx_ < 0 ||
      in_.public_transcript_inputs.size() != static_cast<uint64_t>(public_transcript_inputs_idx_) ||
      in_.public_transcript_outputs.size() != public_transcript_outputs_idx_ ||
      in_.private_transcript.size() != private_transcript_idx_) {
    return fail("Transcripts not fully consumed");
  }
  if (ir_.do_communications_commitment) {
    if (!in_.communications_commitment) return fail("Expected communications randomness");
    wipe(scratch_);
    scratch_.assign(in_.inputs.begin(), in_.inputs.end());
    scratch_.insert(scratch_.end(), outputs_.begin(), outputs_.end());
    const Fr expected =
        circuits::transient_commit(scratch_, in_.communications_commitment->randomness);
    if (expected != in_.communications_commitment->commitment) {
      return fail("Communications commitment mismatch");
    }
  }
  return Status::ok();
}

Status Machine::operator()(const Assert& i) {
  bool cond;
  if (Status s = read_bool(i.cond, cond); !s.is_ok()) return s;
  if (!cond) return fail("Failed direct assertion");
  return Status::ok();
}

Status Machine::operator()(const CondSelect& i) {
  bool bit;
  Fr a, b;
  if (Status s = read_bool(i.bit, bit); !s.is_ok()) return s;
  if (Status s = read(i.a, a); !s.is_ok()) return s;
  if (Status s = read(i.b, b); !s.is_ok()) return s;
  push(Fr::select(bit, a, b));
  return Status::ok();
}

Status Machine::operator()(const ConstrainBits& i) {
  Limbs v;
  return read_bounded(i.var, i.bits, v);
}

Status Machine::operator()(const ConstrainEq& i) {
  Fr a, b;
  if (Status s = read(i.a, a); !s.is_ok()) return s;
  if (Status s = read(i.b, b); !s.is_ok()) return s;
  if (a != b) {
    return fail("Failed equality constraint: memory indices " + std::to_string(i.a) + " and " +
                std::to_string(i.b) + " differ" + at());
  }
  return Status::ok();
}

Status Machine::operator()(const ConstrainToBoolean& i) {
  bool unused;
  return read_bool(i.var, unused);
}

Status Machine::operator()(const Copy& i) {
  Fr v;
  if (Status s = read(i.var, v); !s.is_ok()) return s;
  push(v);
  return Status::ok();
}

Status Machine::operator()(const DeclarePubInput& i) {
  Fr v;
  if (Status s = read(i.var, v); !s.is_ok()) return s;
  pis_.push_back(v);
  ++public_transcript_inputs_idx_;
  return Status::ok();
}

Status Machine::operator()(const PiSkip& i) {
  bool taken;
  if (Status s = read_guard(i.guard, taken); !s.is_ok()) return s;
  const int64_t count = i.count;
  if (!taken) {
    pi_skips_.push_back(uint64_t{i.count});
    public_transcript_inputs_idx_ -= count;
    return Status::ok();
  }
  pi_skips_.push_back(std::nullopt);
  if (static_cast<uint64_t>(count) > pis_.size()) {
    return fail("pi_skip groups " + std::to_string(count) + " public inputs but only " +
                std::to_string(pis_.size()) + " exist" + at());
  }
  const std::span<const Fr> transcript = in_.public_transcript_inputs;
  for (int64_t k = 0; k < count; ++k) {
    const int64_t idx = public_transcript_inputs_idx_ - count + k;
    const std::optional<Fr> expected = idx >= 0 && static_cast<uint64_t>(idx) < transcript.size()
                                           ? std::optional<Fr>(transcript[static_cast<size_t>(idx)])
                                           : std::nullopt;
    const Fr& computed = pis_[pis_.size() - static_cast<size_t>(count) + static_cast<size_t>(k)];
    if (expected != computed) {
      return fail("Public transcript input mismatch for input " +
                  std::to_string(static_cast<uint64_t>(idx)) + "; expected: " +
                  format_option_fr(expected) + ", computed: " + format_option_fr(computed));
    }
  }
  return Status::ok();
}

Status Machine::operator()(const EcAdd& i) {
  ec::JubjubExtended a, b;
  if (Status s = read_point(i.a_x, i.a_y, a); !s.is_ok()) return s;
  if (Status s = read_point(i.b_x, i.b_y, b); !s.is_ok()) return s;
  push(circuits::ec_add(a, b));
  return Status::ok();
}

Status Machine::operator()(const EcMul& i) {
  ec::JubjubExtended a;
  Fr scalar;
  if (Status s = read_point(i.a_x, i.a_y, a); !s.is_ok()) return s;
  if (Status s = read(i.scalar, scalar); !s.is_ok()) return s;
  push(circuits::ec_mul(a, scalar));
  return Status::ok();
}

Status Machine::operator()(const EcMulGenerator& i) {
  Fr scalar;
  if (Status s = read(i.scalar, scalar); !s.is_ok()) return s;
  push(circuits::ec_mul_generator(scalar));
  return Status::ok();
}

Status Machine::operator()(const HashToCurve& i) {
  if (Status s = gather(i.inputs); !s.is_ok()) return s;
  push(circuits::coordinates(circuits::hash_to_curve(scratch_)));
  return Status::ok();
}

Status Machine::operator()(const LoadImm& i) {
  push(i.imm);
  return Status::ok();
}

Status Machine::operator()(const DivModPowerOfTwo& i) {
  if (i.bits > kStoredBits) return fail("Excessive bit count");
  Fr v;
  if (Status s = read(i.var, v); !s.is_ok()) return s;
  const Limbs x = v.to_canonical();
  push(from_limbs(shift_right(x, i.bits)));
  push(from_limbs(low_bits(x, i.bits)));
  return Status::ok();
}

// divisor · 2^bits + modulus, with modulus < 2^bits and the sum, as an integer, below the field's
// modulus; bits = 0 fails the divisor's bound (it would need 255 bits), as officially.
Status Machine::operator()(const ReconstituteField& i) {
  if (i.bits > kStoredBits) return fail("Excessive bit count");
  Limbs modulus, divisor;
  if (Status s = read_bounded(i.modulus, i.bits, modulus); !s.is_ok()) return s;
  if (Status s = read_bounded(i.divisor, kFieldBits - i.bits, divisor); !s.is_ok()) return s;
  if (!less_than(shift_left_or(divisor, i.bits, modulus), ff::FrParams::kModulus)) {
    return fail("Reconstituted element overflows field");
  }
  Fr power = Fr::one();
  for (uint32_t k = 0; k < i.bits; ++k) power = power.dbl();
  push(power * from_limbs(divisor) + from_limbs(modulus));
  return Status::ok();
}

Status Machine::operator()(const Output& i) {
  Fr v;
  if (Status s = read(i.var, v); !s.is_ok()) return s;
  outputs_.push_back(v);
  return Status::ok();
}

Status Machine::operator()(const TransientHash& i) {
  if (Status s = gather(i.inputs); !s.is_ok()) return s;
  push(circuits::transient_hash(scratch_));
  return Status::ok();
}

Status Machine::operator()(const PersistentHash& i) {
  if (Status s = gather(i.inputs); !s.is_ok()) return s;
  Result<std::array<Fr, 2>> h =
      circuits::persistent_hash_fields(to_circuits(i.alignment), scratch_);
  if (!h.is_ok()) return Status(h.status().code(), h.status().message() + at());
  push(*h);
  return Status::ok();
}

Status Machine::operator()(const TestEq& i) {
  Fr a, b;
  if (Status s = read(i.a, a); !s.is_ok()) return s;
  if (Status s = read(i.b, b); !s.is_ok()) return s;
  push(a == b ? Fr::one() : Fr::zero());
  return Status::ok();
}

Status Machine::operator()(const Add& i) {
  Fr a, b;
  if (Status s = read(i.a, a); !s.is_ok()) return s;
  if (Status s = read(i.b, b); !s.is_ok()) return s;
  push(a + b);
  return Status::ok();
}

Status Machine::operator()(const Mul& i) {
  Fr a, b;
  if (Status s = read(i.a, a); !s.is_ok()) return s;
  if (Status s = read(i.b, b); !s.is_ok()) return s;
  push(a * b);
  return Status::ok();
}

Status Machine::operator()(const Neg& i) {
  Fr a;
  if (Status s = read(i.a, a); !s.is_ok()) return s;
  push(-a);
  return Status::ok();
}

Status Machine::operator()(const Not& i) {
  bool a;
  if (Status s = read_bool(i.a, a); !s.is_ok()) return s;
  push(a ? Fr::zero() : Fr::one());
  return Status::ok();
}

Status Machine::operator()(const LessThan& i) {
  Limbs a, b;
  if (Status s = read_bounded(i.a, i.bits, a); !s.is_ok()) return s;
  if (Status s = read_bounded(i.b, i.bits, b); !s.is_ok()) return s;
  push(less_than(a, b) ? Fr::one() : Fr::zero());
  return Status::ok();
}

Status Machine::operator()(const PublicInput& i) {
  bool taken;
  if (Status s = read_guard(i.guard, taken); !s.is_ok()) return s;
  if (!taken) {
    push(Fr::zero());
    return Status::ok();
  }
  if (public_transcript_outputs_idx_ >= in_.public_transcript_outputs.size()) {
    return fail("Ran out of public transcript outputs");
  }
  push(in_.public_transcript_outputs[public_transcript_outputs_idx_++]);
  return Status::ok();
}

Status Machine::operator()(const PrivateInput& i) {
  bool taken;
  if (Status s = read_guard(i.guard, taken); !s.is_ok()) return s;
  if (!taken) {
    push(Fr::zero());
    return Status::ok();
  }
  if (private_transcript_idx_ >= in_.private_transcript.size()) {
    return fail("Ran out of private transcript outputs");
  }
  push(in_.private_transcript[private_transcript_idx_++]);
  return Status::ok();
}

}  // namespace

WitnessMemory::WitnessMemory(WitnessMemory&& other) noexcept : values_(std::move(other.values_)) {
  other.values_.clear();
}

WitnessMemory& WitnessMemory::operator=(WitnessMemory&& other) noexcept {
  if (this != &other) {
    wipe();
    values_ = std::move(other.values_);
    other.values_.clear();
  }
  return *this;
}

WitnessMemory::~WitnessMemory() { wipe(); }

void WitnessMemory::wipe() {
  if (!values_.empty()) secure_zero(values_.data(), values_.size() * sizeof(Fr));
}

Result<Preprocessed> preprocess(const Ir& ir, const CheckInputs& inputs) {
  return Machine(ir, inputs).run();
}

Result<PiSkips> check(const Ir& ir, const CheckInputs& inputs) {
  Result<Preprocessed> result = preprocess(ir, inputs);
  if (!result.is_ok()) return result.status();
  return std::move(result->pi_skips);
}

}  // namespace nightjar::zkir
