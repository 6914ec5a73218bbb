#include "midnight/zkir_binary.h"

#include <string>

#include "midnight/fab_alignment.h"
#include "midnight/tagged.h"

namespace nightjar::midnight {

namespace {

// The smallest instruction on the wire is a discriminant plus one one-byte field.
constexpr size_t kMinInstructionBytes = 2;

zkir::Index index(Reader& r, std::string_view name) {
  Reader::Scope field = r.scope(name);
  return r.compact_u32();
}

std::optional<zkir::Index> guard(Reader& r) {
  Reader::Scope field = r.scope("guard");
  if (!r.option()) return std::nullopt;
  return r.compact_u32();
}

std::vector<zkir::Index> indices(Reader& r) {
  Reader::Scope field = r.nest("inputs");
  size_t n = r.count(sizeof(zkir::Index));
  std::vector<zkir::Index> out(n);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    field.at(i);
    out[i] = r.compact_u32();
  }
  return out;
}

// Reads the fields of the instruction with discriminant `tag` into `out`.
void read_fields(Reader& r, uint8_t tag, zkir::Instruction& out) {
  using namespace zkir;
  switch (tag) {
    case 0:
      out = Assert{index(r, "cond")};
      break;
    case 1: {
      CondSelect v;
      v.bit = index(r, "bit");
      v.a = index(r, "a");
      v.b = index(r, "b");
      out = v;
      break;
    }
    case 2: {
      ConstrainBits v;
      v.var = index(r, "var");
      v.bits = index(r, "bits");
      out = v;
      break;
    }
    case 3: {
      ConstrainEq v;
      v.a = index(r, "a");
      v.b = index(r, "b");
      out = v;
      break;
    }
    case 4:
      out = ConstrainToBoolean{index(r, "var")};
      break;
    case 5:
      out = Copy{index(r, "var")};
      break;
    case 6:
      out = DeclarePubInput{index(r, "var")};
      break;
    case 7: {
      PiSkip v;
      v.guard = guard(r);
      v.count = index(r, "count");
      out = v;
      break;
    }
    case 8: {
      EcAdd v;
      v.a_x = index(r, "a_x");
      v.a_y = index(r, "a_y");
      v.b_x = index(r, "b_x");
      v.b_y = index(r, "b_y");
      out = v;
      break;
    }
    case 9: {
      EcMul v;
      v.a_x = index(r, "a_x");
      v.a_y = index(r, "a_y");
      v.scalar = index(r, "scalar");
      out = v;
      break;
    }
    case 10:
      out = EcMulGenerator{index(r, "scalar")};
      break;
    case 11:
      out = HashToCurve{indices(r)};
      break;
    case 12: {
      Reader::Scope field = r.scope("imm");
      out = LoadImm{r.fr()};
      break;
    }
    case 13: {
      DivModPowerOfTwo v;
      v.var = index(r, "var");
      v.bits = index(r, "bits");
      out = v;
      break;
    }
    case 14: {
      ReconstituteField v;
      v.divisor = index(r, "divisor");
      v.modulus = index(r, "modulus");
      v.bits = index(r, "bits");
      out = v;
      break;
    }
    case 15:
      out = Output{index(r, "var")};
      break;
    case 16:
      out = TransientHash{indices(r)};
      break;
    case 17: {
      PersistentHash v;
      read_alignment(r, v.alignment);
      v.inputs = indices(r);
      out = std::move(v);
      break;
    }
    case 18: {
      TestEq v;
      v.a = index(r, "a");
      v.b = index(r, "b");
      out = v;
      break;
    }
    case 19: {
      Add v;
      v.a = index(r, "a");
      v.b = index(r, "b");
      out = v;
      break;
    }
    case 20: {
      Mul v;
      v.a = index(r, "a");
      v.b = index(r, "b");
      out = v;
      break;
    }
    case 21:
      out = Neg{index(r, "a")};
      break;
    case 22:
      out = Not{index(r, "a")};
      break;
    case 23: {
      LessThan v;
      v.a = index(r, "a");
      v.b = index(r, "b");
      v.bits = index(r, "bits");
      out = v;
      break;
    }
    case 24:
      out = PublicInput{guard(r)};
      break;
    case 25:
      out = PrivateInput{guard(r)};
      break;
    default:
      break;
  }
}

void write_guard(Writer& w, const std::optional<zkir::Index>& g) {
  w.option(g.has_value());
  if (g) w.compact(*g);
}

void write_indices(Writer& w, const std::vector<zkir::Index>& v) {
  w.compact(v.size());
  for (zkir::Index i : v) w.compact(i);
}

struct FieldWriter {
  Writer& w;
  void operator()(const zkir::Assert& v) { w.compact(v.cond); }
  void operator()(const zkir::CondSelect& v) {
    w.compact(v.bit);
    w.compact(v.a);
    w.compact(v.b);
  }
  void operator()(const zkir::ConstrainBits& v) {
    w.compact(v.var);
    w.compact(v.bits);
  }
  void operator()(const zkir::ConstrainEq& v) {
    w.compact(v.a);
    w.compact(v.b);
  }
  void operator()(const zkir::ConstrainToBoolean& v) { w.compact(v.var); }
  void operator()(const zkir::Copy& v) { w.compact(v.var); }
  void operator()(const zkir::DeclarePubInput& v) { w.compact(v.var); }
  void operator()(const zkir::PiSkip& v) {
    write_guard(w, v.guard);
    w.compact(v.count);
  }
  void operator()(const zkir::EcAdd& v) {
    w.compact(v.a_x);
    w.compact(v.a_y);
    w.compact(v.b_x);
    w.compact(v.b_y);
  }
  void operator()(const zkir::EcMul& v) {
    w.compact(v.a_x);
    w.compact(v.a_y);
    w.compact(v.scalar);
  }
  void operator()(const zkir::EcMulGenerator& v) { w.compact(v.scalar); }
  void operator()(const zkir::HashToCurve& v) { write_indices(w, v.inputs); }
  void operator()(const zkir::LoadImm& v) { w.fr(v.imm); }
  void operator()(const zkir::DivModPowerOfTwo& v) {
    w.compact(v.var);
    w.compact(v.bits);
  }
  void operator()(const zkir::ReconstituteField& v) {
    w.compact(v.divisor);
    w.compact(v.modulus);
    w.compact(v.bits);
  }
  void operator()(const zkir::Output& v) { w.compact(v.var); }
  void operator()(const zkir::TransientHash& v) { write_indices(w, v.inputs); }
  void operator()(const zkir::PersistentHash& v) {
    write_alignment(w, v.alignment);
    write_indices(w, v.inputs);
  }
  void operator()(const zkir::TestEq& v) {
    w.compact(v.a);
    w.compact(v.b);
  }
  void operator()(const zkir::Add& v) {
    w.compact(v.a);
    w.compact(v.b);
  }
  void operator()(const zkir::Mul& v) {
    w.compact(v.a);
    w.compact(v.b);
  }
  void operator()(const zkir::Neg& v) { w.compact(v.a); }
  void operator()(const zkir::Not& v) { w.compact(v.a); }
  void operator()(const zkir::LessThan& v) {
    w.compact(v.a);
    w.compact(v.b);
    w.compact(v.bits);
  }
  void operator()(const zkir::PublicInput& v) { write_guard(w, v.guard); }
  void operator()(const zkir::PrivateInput& v) { write_guard(w, v.guard); }
};

}  // namespace

void read_ir_body(Reader& r, zkir::IrFlavour flavour, zkir::Ir& ir) {
  ir.flavour = flavour;
  ir.version = zkir::MinorVersion::kV0;
  if (flavour == zkir::IrFlavour::kGeneric) {
    Reader::Scope field = r.scope("version");
    size_t at = r.offset();
    uint8_t v = r.u8();
    if (v > 1) r.fail_at(at, "unknown ZKIR minor version " + std::to_string(v));
    ir.version = static_cast<zkir::MinorVersion>(v);
  }
  {
    Reader::Scope field = r.scope("num_inputs");
    ir.num_inputs = r.compact_u32();
  }
  {
    Reader::Scope field = r.scope("do_communications_commitment");
    ir.do_communications_commitment = r.boolean();
  }
  Reader::Scope list = r.nest("instructions");
  size_t n = r.count(sizeof(zkir::Instruction), kMinInstructionBytes);
  ir.instructions.assign(n, zkir::Instruction{});
  for (size_t i = 0; i < n && r.ok(); ++i) {
    list.at(i);
    size_t at = r.offset();
    uint8_t tag = r.u8();
    if (r.ok() && tag >= zkir::kInstructionKinds) {
      r.fail_at(at, "unknown ZKIR instruction " + std::to_string(tag));
      break;
    }
    Reader::Scope op = r.nest(zkir::op_name(tag));
    read_fields(r, tag, ir.instructions[i]);
  }
}

void write_ir_body(Writer& w, const zkir::Ir& ir) {
  if (ir.flavour == zkir::IrFlavour::kGeneric) {
    w.u8(static_cast<uint8_t>(ir.version));
  } else {
    NIGHTJAR_CHECK(ir.version == zkir::MinorVersion::kV0);
  }
  w.compact(ir.num_inputs);
  w.boolean(ir.do_communications_commitment);
  w.compact(ir.instructions.size());
  for (const zkir::Instruction& instruction : ir.instructions) {
    w.u8(static_cast<uint8_t>(instruction.index()));
    std::visit(FieldWriter{w}, instruction);
  }
}

Result<zkir::Ir> decode_ir(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  zkir::IrFlavour flavour;
  std::string_view tag;
  if (has_header(bytes, kTagIrLegacy)) {
    flavour = zkir::IrFlavour::kLegacy;
    tag = kTagIrLegacy;
  } else if (has_header(bytes, kTagIrGeneric)) {
    flavour = zkir::IrFlavour::kGeneric;
    tag = kTagIrGeneric;
  } else {
    return expected_one_of(bytes, kTagIrGeneric, kTagIrLegacy);
  }
  Reader r(bytes, limits);
  r.expect_header(tag);
  zkir::Ir ir;
  {
    Reader::Scope root = r.scope(tag);
    read_ir_body(r, flavour, ir);
  }
  Status status = r.finish(tag);
  if (!status.is_ok()) return status;
  return ir;
}

std::vector<uint8_t> encode_ir(const zkir::Ir& ir) {
  Writer w;
  w.header(ir.flavour == zkir::IrFlavour::kGeneric ? kTagIrGeneric : kTagIrLegacy);
  write_ir_body(w, ir);
  return w.take();
}

}  // namespace nightjar::midnight
