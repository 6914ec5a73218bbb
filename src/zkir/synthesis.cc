#include "zkir/synthesis.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "base/secure_zero.h"
#include "circuits/embedded_group.h"
#include "circuits/layouter.h"
#include "circuits/std_lib.h"
#include "circuits/zk_std_lib.h"
#include "ec/jubjub.h"

namespace nightjar::zkir {

namespace {

using circuits::AssignedBit;
using circuits::AssignedByte;
using circuits::AssignedNative;
using ff::Fr;

constexpr uint32_t kFrBits = 255;
// FR_BYTES_STORED: the bytes a field element holds losslessly.
constexpr size_t kFrBytesStored = 31;

// Zeroes a buffer of witness values (an empty vector may have no buffer at all).
template <class T>
void wipe(std::vector<T>& v) {
  if (!v.empty()) secure_zero(v.data(), v.size() * sizeof(T));
}

// Runs the instructions of `ir` on the standard library, as IrSource::circuit does. Without a
// witness every value is zero and only the layout matters.
class Lowering {
 public:
  Lowering(const Ir& ir, circuits::ZkStdLib& std, const SynthesisWitness* witness)
      : ir_(ir), std_(std), witness_(witness) {}
  Lowering(const Lowering&) = delete;
  Lowering& operator=(const Lowering&) = delete;
  // The cells' values are witness data.
  ~Lowering() {
    wipe(memory_);
    wipe(outputs_);
    wipe(public_inputs_);
  }

  Status run();

  Status operator()(const Assert& i);
  Status operator()(const CondSelect& i);
  Status operator()(const ConstrainBits& i);
  Status operator()(const ConstrainEq& i);
  Status operator()(const ConstrainToBoolean& i);
  Status operator()(const Copy& i);
  Status operator()(const DeclarePubInput& i);
  Status operator()(const PiSkip&) { return Status::ok(); }
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
  Status operator()(const PublicInput& i) { return transcript_input(i.guard); }
  Status operator()(const PrivateInput& i) { return transcript_input(i.guard); }

 private:
  // The memory cell at index i, or nullptr.
  const AssignedNative* idx(Index i);
  Status push(const AssignedNative& cell);
  Status transcript_input(const std::optional<Index>& guard);
  // ecc_from_parts: the point (x, y) assigned in the subgroup and tied to the two cells.
  Result<circuits::AssignedPoint> point_from_parts(Index x, Index y);
  Status push_point(const circuits::AssignedPoint& p);
  Status gather(std::span<const Index> indices, std::vector<AssignedNative>& out);
  // fab_decode_to_bytes_atom: appends the atom's bytes, consuming its inputs.
  Status decode_atom(const AlignmentAtom& atom, std::span<const AssignedNative>& inputs,
                     std::vector<circuits::AssignedByte>& out);
  Fr witness_value(size_t memory_index) const;

  circuits::NativeChip& native() { return std_.native(); }
  circuits::NativeGadget& gadget() { return std_.gadget(); }

  const Ir& ir_;
  circuits::ZkStdLib& std_;
  const SynthesisWitness* witness_;
  std::vector<AssignedNative> memory_;
  std::vector<AssignedNative> outputs_;
  std::vector<AssignedNative> public_inputs_;
};

Status missing_index(Index i) { return invalid_argument("missing index " + std::to_string(i)); }

Fr Lowering::witness_value(size_t memory_index) const {
  if (witness_ == nullptr || memory_index >= witness_->memory.size()) return Fr::zero();
  return witness_->memory[memory_index];
}

const AssignedNative* Lowering::idx(Index i) { return i < memory_.size() ? &memory_[i] : nullptr; }

Status Lowering::push(const AssignedNative& cell) {
  const size_t index = memory_.size();
  if (witness_ != nullptr && index < witness_->memory.size() &&
      !(witness_->memory[index] == cell.value)) {
    return invalid_argument("synthesis computes memory index " + std::to_string(index) +
                            " differently from the interpreter");
  }
  memory_.push_back(cell);
  return Status::ok();
}

Status Lowering::gather(std::span<const Index> indices, std::vector<AssignedNative>& out) {
  for (Index i : indices) {
    const AssignedNative* x = idx(i);
    if (x == nullptr) return missing_index(i);
    out.push_back(*x);
  }
  return Status::ok();
}

Status Lowering::operator()(const Assert& i) {
  const AssignedNative* cond = idx(i.cond);
  if (cond == nullptr) return missing_index(i.cond);
  native().assert_non_zero(*cond);
  return Status::ok();
}

Status Lowering::operator()(const CondSelect& i) {
  const AssignedNative* bit = idx(i.bit);
  const AssignedNative* a = idx(i.a);
  const AssignedNative* b = idx(i.b);
  if (bit == nullptr) return missing_index(i.bit);
  // is_zero negates the bit, so b is the value selected when it is set.
  AssignedBit is_zero = native().is_zero(*bit);
  if (b == nullptr) return missing_index(i.b);
  if (a == nullptr) return missing_index(i.a);
  return push(native().select(is_zero, *b, *a));
}

Status Lowering::operator()(const ConstrainBits& i) {
  const AssignedNative* x = idx(i.var);
  if (x == nullptr) return missing_index(i.var);
  if (i.bits > kFrBits) return invalid_argument("constrain_bits: more bits than the field has");
  gadget().assigned_to_le_bits(*x, i.bits, i.bits >= kFrBits);
  return Status::ok();
}

Status Lowering::operator()(const ConstrainEq& i) {
  const AssignedNative* a = idx(i.a);
  const AssignedNative* b = idx(i.b);
  if (a == nullptr) return missing_index(i.a);
  if (b == nullptr) return missing_index(i.b);
  gadget().assert_equal(*a, *b);
  return Status::ok();
}

Status Lowering::operator()(const ConstrainToBoolean& i) {
  const AssignedNative* x = idx(i.var);
  if (x == nullptr) return missing_index(i.var);
  gadget().convert_to_bit(*x);
  return Status::ok();
}

Status Lowering::operator()(const Copy& i) {
  const AssignedNative* x = idx(i.var);
  if (x == nullptr) return missing_index(i.var);
  return push(AssignedNative(*x));
}

Status Lowering::operator()(const DeclarePubInput& i) {
  const AssignedNative* x = idx(i.var);
  if (x == nullptr) return missing_index(i.var);
  public_inputs_.push_back(*x);
  return Status::ok();
}

Status Lowering::operator()(const LoadImm& i) { return push(native().assign_fixed(i.imm)); }

Status Lowering::operator()(const Output& i) {
  const AssignedNative* x = idx(i.var);
  if (x == nullptr) return missing_index(i.var);
  outputs_.push_back(*x);
  return Status::ok();
}

Status Lowering::operator()(const TransientHash& i) {
  std::vector<AssignedNative> inputs;
  if (Status s = gather(i.inputs, inputs); !s.is_ok()) return s;
  return push(std_.poseidon().hash(inputs));
}

Status Lowering::operator()(const TestEq& i) {
  const AssignedNative* a = idx(i.a);
  const AssignedNative* b = idx(i.b);
  if (a == nullptr) return missing_index(i.a);
  if (b == nullptr) return missing_index(i.b);
  AssignedBit bit = native().is_equal(*a, *b);
  return push(gadget().bit_to_native(bit));
}

Status Lowering::operator()(const Add& i) {
  const AssignedNative* a = idx(i.a);
  const AssignedNative* b = idx(i.b);
  if (a == nullptr) return missing_index(i.a);
  if (b == nullptr) return missing_index(i.b);
  return push(native().add(*a, *b));
}

Status Lowering::operator()(const Mul& i) {
  const AssignedNative* a = idx(i.a);
  const AssignedNative* b = idx(i.b);
  if (a == nullptr) return missing_index(i.a);
  if (b == nullptr) return missing_index(i.b);
  return push(native().mul(*a, *b));
}

Status Lowering::operator()(const Neg& i) {
  const AssignedNative* a = idx(i.a);
  if (a == nullptr) return missing_index(i.a);
  return push(native().neg(*a));
}

Status Lowering::operator()(const Not& i) {
  const AssignedNative* a = idx(i.a);
  if (a == nullptr) return missing_index(i.a);
  AssignedBit is_zero = native().is_zero(*a);
  return push(gadget().bit_to_native(is_zero));
}

Status Lowering::operator()(const LessThan& i) {
  const AssignedNative* a = idx(i.a);
  const AssignedNative* b = idx(i.b);
  if (a == nullptr) return missing_index(i.a);
  if (b == nullptr) return missing_index(i.b);
  // The gadget needs an even bound of at least 4 bits.
  const uint32_t n = std::max<uint32_t>(i.bits + i.bits % 2, 4);
  if (n > kFrBits - 2) return invalid_argument("less_than: bound too large");
  AssignedBit bit = gadget().lower_than(*a, *b, n);
  return push(gadget().bit_to_native(bit));
}

Status Lowering::transcript_input(const std::optional<Index>& guard_index) {
  const AssignedNative* guard = nullptr;
  if (guard_index) {
    guard = idx(*guard_index);
    if (guard == nullptr) return missing_index(*guard_index);
  }
  if (witness_ != nullptr && memory_.size() >= witness_->memory.size()) {
    return invalid_argument("witness memory shorter than the circuit's");
  }
  AssignedNative value = native().assign(witness_value(memory_.size()));
  if (guard != nullptr) {
    // guard == 0 implies value == 0, i.e. value == 0 || guard.
    AssignedBit value_is_zero = native().is_zero(value);
    AssignedBit guard_bit = gadget().convert_to_bit(*guard);
    const AssignedBit both[] = {value_is_zero, guard_bit};
    AssignedBit ok = native().or_(both);
    native().assert_non_zero(gadget().bit_to_native(ok));
  }
  return push(value);
}

Status Lowering::operator()(const DivModPowerOfTwo& i) {
  const AssignedNative* x = idx(i.var);
  if (x == nullptr) return missing_index(i.var);
  if (i.bits > kFrBits) return invalid_argument("div_mod_power_of_two: too many bits");
  const std::vector<AssignedBit> bits = gadget().assigned_to_le_bits(*x, std::nullopt, true);
  const std::span<const AssignedBit> all(bits);
  AssignedNative modulus = gadget().assigned_from_le_bits(all.first(i.bits));
  AssignedNative divisor = gadget().assigned_from_le_bits(all.subspan(i.bits));
  if (Status s = push(divisor); !s.is_ok()) return s;
  return push(modulus);
}

Status Lowering::operator()(const ReconstituteField& i) {
  const AssignedNative* divisor = idx(i.divisor);
  const AssignedNative* modulus = idx(i.modulus);
  if (divisor == nullptr) return missing_index(i.divisor);
  if (modulus == nullptr) return missing_index(i.modulus);
  if (i.bits > kFrBits) return invalid_argument("reconstitute_field: too many bits");
  std::vector<AssignedBit> divisor_bits =
      gadget().assigned_to_le_bits(*divisor, kFrBits - i.bits, true);
  std::vector<AssignedBit> bits = gadget().assigned_to_le_bits(*modulus, i.bits, true);
  bits.insert(bits.end(), divisor_bits.begin(), divisor_bits.end());
  return push(gadget().assigned_from_le_bits(bits));
}

Status Lowering::decode_atom(const AlignmentAtom& atom, std::span<const AssignedNative>& inputs,
                             std::vector<AssignedByte>& out) {
  switch (atom.kind) {
    case AlignmentAtomKind::kField: {
      if (inputs.empty()) return invalid_argument("Cannot decode field element from nothing");
      const std::vector<AssignedByte> bytes =
          gadget().assigned_to_le_bytes(inputs[0], std::nullopt);
      inputs = inputs.subspan(1);
      out.insert(out.end(), bytes.begin(), bytes.end());
      return Status::ok();
    }
    case AlignmentAtomKind::kBytes: {
      // Values of more than 31 bytes come as 31-byte chunks, the stray (short) chunk first in
      // the inputs but last in the bytes.
      const size_t stray = atom.length % kFrBytesStored;
      const size_t chunks = atom.length / kFrBytesStored;
      if (inputs.size() < chunks + (stray != 0)) {
        return invalid_argument("Cannot decode byte value; not enough data provided");
      }
      std::vector<AssignedByte> stray_bytes;
      if (stray > 0) {
        stray_bytes = gadget().assigned_to_le_bytes(inputs[0], stray);
        stray_bytes.resize(stray);
        inputs = inputs.subspan(1);
      }
      for (size_t i = 0; i < chunks; ++i) {
        const std::vector<AssignedByte> bytes =
            gadget().assigned_to_le_bytes(inputs[chunks - 1 - i], kFrBytesStored);
        out.insert(out.end(), bytes.begin(), bytes.begin() + kFrBytesStored);
      }
      inputs = inputs.subspan(chunks);
      out.insert(out.end(), stray_bytes.begin(), stray_bytes.end());
      return Status::ok();
    }
    case AlignmentAtomKind::kCompress:
      break;
  }
  return invalid_argument("Cannot decode compressed value from field elements");
}

Status Lowering::operator()(const PersistentHash& i) {
  std::vector<AssignedNative> inputs;
  if (Status s = gather(i.inputs, inputs); !s.is_ok()) return s;
  std::span<const AssignedNative> rest(inputs);
  std::vector<AssignedByte> bytes;
  // The official decoder counts segments in a cell it never reads; the cells still take rows.
  AssignedNative count = native().assign_fixed(Fr::zero());
  for (const AlignmentSegment& segment : i.alignment.segments) {
    const AlignmentAtom* atom = std::get_if<AlignmentAtom>(&segment);
    if (atom == nullptr) {
      return invalid_argument("in-circuit decoding of alignment options is not yet implemented!");
    }
    if (Status s = decode_atom(*atom, rest, bytes); !s.is_ok()) return s;
    count = native().add_constant(count, Fr::one());
  }
  const std::array<AssignedByte, 32> digest = std_.sha256().hash(bytes);
  if (Status s = push(gadget().byte_to_native(digest[31])); !s.is_ok()) return s;
  // The first 31 bytes, little-endian, as one field element.
  AssignedNative acc = gadget().byte_to_native(digest[0]);
  std::vector<AssignedNative> powers{acc};
  Fr power = Fr::one();
  for (size_t b = 1; b < 31; ++b) {
    power *= Fr::from_u64(256);
    AssignedNative byte = gadget().byte_to_native(digest[b]);
    powers.push_back(native().mul_by_constant(byte, power));
  }
  for (size_t b = 1; b < powers.size(); ++b) acc = native().add(acc, powers[b]);
  return push(acc);
}
Result<circuits::AssignedPoint> Lowering::point_from_parts(Index x_index, Index y_index) {
  const AssignedNative* x = idx(x_index);
  const AssignedNative* y = idx(y_index);
  if (x == nullptr) return missing_index(x_index);
  if (y == nullptr) return missing_index(y_index);
  std::optional<ec::JubjubExtended> point;
  if (witness_ != nullptr) {
    Result<ec::JubjubExtended> decoded = circuits::embedded_point(x->value, y->value);
    if (!decoded.is_ok()) return decoded.status();
    point = *decoded;
  }
  circuits::AssignedPoint assigned = std_.jubjub().assign(point);
  gadget().assert_equal(*x, assigned.x);
  gadget().assert_equal(*y, assigned.y);
  return assigned;
}

Status Lowering::push_point(const circuits::AssignedPoint& p) {
  if (Status s = push(p.x); !s.is_ok()) return s;
  return push(p.y);
}

Status Lowering::operator()(const EcAdd& i) {
  Result<circuits::AssignedPoint> a = point_from_parts(i.a_x, i.a_y);
  if (!a.is_ok()) return a.status();
  Result<circuits::AssignedPoint> b = point_from_parts(i.b_x, i.b_y);
  if (!b.is_ok()) return b.status();
  return push_point(std_.jubjub().add(*a, *b));
}

Status Lowering::operator()(const EcMul& i) {
  Result<circuits::AssignedPoint> a = point_from_parts(i.a_x, i.a_y);
  if (!a.is_ok()) return a.status();
  const AssignedNative* scalar = idx(i.scalar);
  if (scalar == nullptr) return missing_index(i.scalar);
  const std::vector<AssignedBit> bits = std_.jubjub().convert_scalar(*scalar);
  return push_point(std_.jubjub().mul(bits, *a));
}

Status Lowering::operator()(const EcMulGenerator& i) {
  circuits::AssignedPoint g = std_.jubjub().assign_fixed(ec::JubjubExtended::generator());
  const AssignedNative* scalar = idx(i.scalar);
  if (scalar == nullptr) return missing_index(i.scalar);
  const std::vector<AssignedBit> bits = std_.jubjub().convert_scalar(*scalar);
  return push_point(std_.jubjub().mul(bits, g));
}

Status Lowering::operator()(const HashToCurve& i) {
  std::vector<AssignedNative> inputs;
  if (Status s = gather(i.inputs, inputs); !s.is_ok()) return s;
  return push_point(std_.hash_to_curve().hash_to_curve(inputs));
}

Status Lowering::run() {
  std::vector<Fr> inputs(ir_.num_inputs);
  for (size_t i = 0; i < inputs.size(); ++i) inputs[i] = witness_value(i);
  memory_ = native().assign_many(inputs);
  wipe(inputs);
  public_inputs_.push_back(native().assign(witness_ ? witness_->binding_input : Fr::zero()));
  if (ir_.do_communications_commitment) {
    if (witness_ != nullptr && !witness_->communications_commitment) {
      return invalid_argument("expected a communications commitment");
    }
    const Fr commitment =
        witness_ != nullptr ? witness_->communications_commitment->commitment : Fr::zero();
    public_inputs_.push_back(native().assign(commitment));
  }
  for (const Instruction& instruction : ir_.instructions) {
    Status s = std::visit(*this, instruction);
    if (!s.is_ok()) return s;
  }
  if (ir_.do_communications_commitment) {
    const Fr randomness =
        witness_ != nullptr ? witness_->communications_commitment->randomness : Fr::zero();
    // The inputs are the first memory cells.
    std::vector<AssignedNative> preimage{native().assign(randomness)};
    preimage.insert(preimage.end(), memory_.begin(), memory_.begin() + ir_.num_inputs);
    preimage.insert(preimage.end(), outputs_.begin(), outputs_.end());
    AssignedNative commitment = std_.poseidon().hash(preimage);
    wipe(preimage);
    gadget().assert_equal(commitment, public_inputs_[1]);
  }
  for (const AssignedNative& x : public_inputs_) native().constrain_as_public_input(x);
  std_.load_tables();
  return Status::ok();
}

struct Configured {
  plonk::ConstraintSystem cs;
  circuits::ZkStdLibConfig config;
  size_t num_fixed = 0;  // before selectors became fixed columns
};

Result<Configured> configure(const Ir& ir) {
  if (ir.version != MinorVersion::kV0) {
    return invalid_argument(
        "synthesis implements the circuits of ZKIR minor version 0; minor version 1 lays them out "
        "differently");
  }
  Configured out;
  Result<circuits::ZkStdLibConfig> config = circuits::configure_zk_std_lib(out.cs, used_chips(ir));
  if (!config.is_ok()) return config.status();
  out.config = std::move(config).value();
  out.num_fixed = out.cs.num_fixed_columns();
  out.cs.convert_selectors_to_fixed();
  return out;
}

uint32_t ceil_log2(size_t n) {
  uint32_t k = 0;
  while ((size_t{1} << k) < n) ++k;
  return k;
}

}  // namespace

circuits::ZkStdLibArch used_chips(const Ir& ir) {
  circuits::ZkStdLibArch arch;
  bool hash_to_curve = false;
  arch.poseidon = ir.do_communications_commitment;
  for (const Instruction& instruction : ir.instructions) {
    std::visit(
        [&](const auto& i) {
          using T = std::decay_t<decltype(i)>;
          if constexpr (std::is_same_v<T, EcAdd> || std::is_same_v<T, EcMul> ||
                        std::is_same_v<T, EcMulGenerator>) {
            arch.jubjub = true;
          } else if constexpr (std::is_same_v<T, HashToCurve>) {
            hash_to_curve = true;
          } else if constexpr (std::is_same_v<T, TransientHash>) {
            arch.poseidon = true;
          } else if constexpr (std::is_same_v<T, PersistentHash>) {
            arch.sha2_256 = true;
          }
        },
        instruction);
  }
  arch.jubjub = arch.jubjub || hash_to_curve;
  arch.poseidon = arch.poseidon || hash_to_curve;
  arch.nr_pow2range_cols = 1;
  return arch;
}

Result<CircuitModel> cost_model(const Ir& ir, uint8_t max_bit_len) {
  Result<Configured> configured = configure(ir);
  if (!configured.is_ok()) return configured.status();
  circuits::Layouter layouter(nullptr, configured->num_fixed, false);
  circuits::ZkStdLib std(layouter, configured->config, max_bit_len);
  Lowering lowering(ir, std, nullptr);
  if (Status s = lowering.run(); !s.is_ok()) return s;
  if (!layouter.status().is_ok()) return layouter.status();

  const plonk::ConstraintSystem& cs = configured->cs;
  CircuitModel model;
  model.max_bit_len = max_bit_len;
  model.rows = layouter.stats().rows;
  model.table_rows = layouter.stats().table_rows;
  model.instance_rows = layouter.stats().instance_rows;
  model.unusable_rows = cs.blinding_factors() + 1;
  const size_t minimum_rows = cs.blinding_factors() + 3;
  const size_t needed =
      std::max({model.rows + model.unusable_rows, model.table_rows + model.unusable_rows,
                model.instance_rows + model.unusable_rows, minimum_rows + 1});
  model.k = ceil_log2(needed);
  return model;
}

Result<CircuitModel> cost_model(const Ir& ir) {
  std::optional<CircuitModel> best;
  for (uint8_t max_bit_len = 8; max_bit_len < 25; ++max_bit_len) {
    Result<CircuitModel> model = cost_model(ir, max_bit_len);
    if (!model.is_ok()) return model.status();
    if (!best || model->k < best->k) best = *model;
    // Stop when the table becomes the bottleneck.
    if (model->rows < (size_t{1} << (max_bit_len + 1))) break;
  }
  return *best;
}

namespace {

// A null witness is the keygen run: values unknown, as the official Assembly sees them.
Result<Synthesized> run_synthesis(const Ir& ir, const SynthesisWitness* witness,
                                  uint8_t max_bit_len, uint32_t k) {
  Result<Configured> configured = configure(ir);
  if (!configured.is_ok()) return configured.status();
  Synthesized out{std::move(configured->cs), plonk::Assignment()};
  out.assignment = plonk::Assignment(out.cs, k);
  circuits::Layouter layouter(&out.assignment, configured->num_fixed, witness != nullptr);
  circuits::ZkStdLib std(layouter, configured->config, max_bit_len);
  Lowering lowering(ir, std, witness);
  if (Status s = lowering.run(); !s.is_ok()) return s;
  if (!layouter.status().is_ok()) return layouter.status();
  out.num_public_inputs = std.native().nb_public_inputs();
  return out;
}

}  // namespace

Result<Synthesized> synthesize(const Ir& ir, const SynthesisWitness& witness, uint8_t max_bit_len,
                               uint32_t k) {
  return run_synthesis(ir, &witness, max_bit_len, k);
}

Result<Synthesized> synthesize_layout(const Ir& ir, uint8_t max_bit_len, uint32_t k) {
  return run_synthesis(ir, nullptr, max_bit_len, k);
}

}  // namespace nightjar::zkir
