#include "midnight/zkir_json.h"

#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/hex.h"
#include "base/json_depth.h"
#include "midnight/fab_alignment.h"
#include "midnight/zkir_binary.h"

namespace nightjar::midnight {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Converts the parsed document, recording the first error with its JSON path.
class FromJson {
 public:
  Result<zkir::Ir> run(const Json& doc) {
    zkir::Ir ir;
    if (!doc.is_object()) return invalid_argument("Expected a JSON object");
    const Json* version = doc.contains("version") ? &doc["version"] : nullptr;
    if (version == nullptr) return invalid_argument("Expected a version entry");
    path_ = "version";
    if (!version->is_object()) fail("expected an object {\"major\", \"minor\"}");
    uint8_t major = small_int(*version, "major");
    uint8_t minor = small_int(*version, "minor");
    if (!ok()) return error_;
    if (major != 2 || minor > 1) {
      return invalid_argument("Unhandled version: " + std::to_string(major) + "." +
                              std::to_string(minor));
    }
    ir.version = static_cast<zkir::MinorVersion>(minor);
    ir.flavour = zkir::default_flavour(ir.version);
    path_.clear();
    ir.num_inputs = u32(doc, "num_inputs");
    ir.do_communications_commitment = boolean(doc, "do_communications_commitment");
    const Json* list = required(doc, "instructions");
    if (ok() && !list->is_array()) fail("instructions: expected an array");
    if (!ok()) return error_;
    ir.instructions.reserve(list->size());
    for (size_t i = 0; i < list->size() && ok(); ++i) {
      path_ = "instructions[" + std::to_string(i) + "]";
      ir.instructions.push_back(instruction((*list)[i]));
    }
    if (!ok()) return error_;
    return ir;
  }

 private:
  bool ok() const { return error_.is_ok(); }

  void fail(const std::string& problem) {
    if (!ok()) return;
    error_ = invalid_argument(path_.empty() ? problem : path_ + ": " + problem);
  }

  const Json* required(const Json& object, const char* key) {
    if (!ok()) return nullptr;
    auto it = object.find(key);
    if (it == object.end()) {
      fail(std::string("missing field `") + key + "`");
      return nullptr;
    }
    return &*it;
  }

  // A JSON integer in [0, max]; floats are rejected, as serde does for integer fields.
  uint64_t integer(const Json& value, const char* key, uint64_t max, const char* type) {
    if (!ok()) return 0;
    if (value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0)) {
      uint64_t v = value.get<uint64_t>();
      if (v <= max) return v;
      fail(std::string(key) + ": integer " + std::to_string(v) + " is out of range for " + type);
      return 0;
    }
    fail(std::string(key) + ": expected " + type + ", got " + value.type_name() + " " +
         value.dump());
    return 0;
  }

  uint8_t small_int(const Json& object, const char* key) {
    const Json* v = required(object, key);
    return v == nullptr ? 0 : static_cast<uint8_t>(integer(*v, key, UINT8_MAX, "u8"));
  }

  uint32_t u32(const Json& object, const char* key) {
    const Json* v = required(object, key);
    return v == nullptr ? 0 : static_cast<uint32_t>(integer(*v, key, UINT32_MAX, "u32"));
  }

  bool boolean(const Json& object, const char* key) {
    const Json* v = required(object, key);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
      fail(std::string(key) + ": expected a boolean, got " + v->type_name());
      return false;
    }
    return v->get<bool>();
  }

  std::optional<zkir::Index> guard(const Json& object) {
    if (!ok()) return std::nullopt;
    auto it = object.find("guard");
    if (it == object.end() || it->is_null()) return std::nullopt;
    return static_cast<zkir::Index>(integer(*it, "guard", UINT32_MAX, "u32"));
  }

  std::vector<zkir::Index> indices(const Json& object, const char* key) {
    const Json* v = required(object, key);
    std::vector<zkir::Index> out;
    if (v == nullptr) return out;
    if (!v->is_array()) {
      fail(std::string(key) + ": expected an array of u32");
      return out;
    }
    out.reserve(v->size());
    for (const Json& e : *v)
      out.push_back(static_cast<zkir::Index>(integer(e, key, UINT32_MAX, "u32")));
    return out;
  }

  ff::Fr immediate(const Json& object) {
    const Json* v = required(object, "imm");
    if (v == nullptr) return ff::Fr::zero();
    if (!v->is_string()) {
      fail(std::string("imm: expected a hex string, got ") + v->type_name());
      return ff::Fr::zero();
    }
    std::string_view text = v->get_ref<const std::string&>();
    bool negate = !text.empty() && text[0] == '-';
    if (negate) text.remove_prefix(1);
    // Only a lower-case "0x" prefix is accepted, like the official const_hex decoder.
    if (text.size() >= 2 && text[0] == '0' && text[1] == 'X') {
      fail("imm: invalid character 'X'");
      return ff::Fr::zero();
    }
    Result<std::vector<uint8_t>> bytes = from_hex(text);
    if (!bytes.is_ok()) {
      fail("imm: " + bytes.status().message());
      return ff::Fr::zero();
    }
    if (bytes->size() > 32) {
      fail("imm: Out of range for field element");
      return ff::Fr::zero();
    }
    std::array<uint8_t, 32> le{};
    std::copy(bytes->begin(), bytes->end(), le.begin());
    std::optional<ff::Fr> value = ff::Fr::from_bytes_le(le);
    if (!value) {
      fail("imm: Out of range for field element");
      return ff::Fr::zero();
    }
    return negate ? -*value : *value;
  }

  std::string tag_of(const Json& object) {
    if (!ok()) return {};
    if (!object.is_object()) {
      fail("expected an object with a \"tag\"");
      return {};
    }
    const Json* tag = required(object, "tag");
    if (tag == nullptr) return {};
    if (!tag->is_string()) {
      fail("tag: expected a string");
      return {};
    }
    return tag->get<std::string>();
  }

  uint32_t flagged_count(size_t n) {
    if (n >= kFlaggedIntLimit) fail("more than 2^19 - 1 entries");
    return static_cast<uint32_t>(n);
  }

  zkir::Alignment alignment(const Json& value) {
    zkir::Alignment out;
    if (!ok()) return out;
    if (!value.is_array()) {
      fail("alignment: expected an array of segments");
      return out;
    }
    flagged_count(value.size());
    for (const Json& segment : value) {
      if (!ok()) break;
      std::string tag = tag_of(segment);
      const Json* inner = required(segment, "value");
      if (!ok()) break;
      if (tag == "atom") {
        std::string kind = tag_of(*inner);
        if (kind == "compress") {
          out.segments.emplace_back(zkir::AlignmentAtom::compress());
        } else if (kind == "field") {
          out.segments.emplace_back(zkir::AlignmentAtom::field());
        } else if (kind == "bytes") {
          uint32_t length = u32(*inner, "length");
          if (ok() && length >= kFlaggedIntLimit) {
            fail("integer out of three-byte limit: " + std::to_string(length));
          }
          out.segments.emplace_back(zkir::AlignmentAtom::bytes(length));
        } else if (ok()) {
          fail("unknown alignment atom \"" + kind + "\"");
        }
      } else if (tag == "option") {
        if (!inner->is_array()) {
          fail("option: expected an array of alignments");
          break;
        }
        flagged_count(inner->size());
        zkir::AlignmentOption option;
        for (const Json& branch : *inner) option.branches.push_back(alignment(branch));
        out.segments.emplace_back(std::move(option));
      } else if (ok()) {
        fail("unknown alignment segment \"" + tag + "\"");
      }
    }
    return out;
  }

  zkir::Instruction instruction(const Json& object) {
    using namespace zkir;
    if (!object.is_object()) {
      fail("expected an object");
      return Assert{};
    }
    const Json* op_value = required(object, "op");
    if (op_value == nullptr) return Assert{};
    if (!op_value->is_string()) {
      fail("op: expected a string");
      return Assert{};
    }
    const std::string& op = op_value->get_ref<const std::string&>();
    size_t kind = 0;
    while (kind < kInstructionKinds && op_name(kind) != op) ++kind;
    switch (kind) {
      case 0:
        return Assert{u32(object, "cond")};
      case 1:
        return CondSelect{u32(object, "bit"), u32(object, "a"), u32(object, "b")};
      case 2:
        return ConstrainBits{u32(object, "var"), u32(object, "bits")};
      case 3:
        return ConstrainEq{u32(object, "a"), u32(object, "b")};
      case 4:
        return ConstrainToBoolean{u32(object, "var")};
      case 5:
        return Copy{u32(object, "var")};
      case 6:
        return DeclarePubInput{u32(object, "var")};
      case 7: {
        PiSkip v;
        v.guard = guard(object);
        v.count = u32(object, "count");
        return v;
      }
      case 8:
        return EcAdd{u32(object, "a_x"), u32(object, "a_y"), u32(object, "b_x"),
                     u32(object, "b_y")};
      case 9:
        return EcMul{u32(object, "a_x"), u32(object, "a_y"), u32(object, "scalar")};
      case 10:
        return EcMulGenerator{u32(object, "scalar")};
      case 11:
        return HashToCurve{indices(object, "inputs")};
      case 12:
        return LoadImm{immediate(object)};
      case 13:
        return DivModPowerOfTwo{u32(object, "var"), u32(object, "bits")};
      case 14:
        return ReconstituteField{u32(object, "divisor"), u32(object, "modulus"),
                                 u32(object, "bits")};
      case 15:
        return Output{u32(object, "var")};
      case 16:
        return TransientHash{indices(object, "inputs")};
      case 17: {
        PersistentHash v;
        const Json* a = required(object, "alignment");
        if (a != nullptr) v.alignment = alignment(*a);
        v.inputs = indices(object, "inputs");
        return v;
      }
      case 18:
        return TestEq{u32(object, "a"), u32(object, "b")};
      case 19:
        return Add{u32(object, "a"), u32(object, "b")};
      case 20:
        return Mul{u32(object, "a"), u32(object, "b")};
      case 21:
        return Neg{u32(object, "a")};
      case 22:
        return Not{u32(object, "a")};
      case 23:
        return LessThan{u32(object, "a"), u32(object, "b"), u32(object, "bits")};
      case 24:
        return PublicInput{guard(object)};
      case 25:
        return PrivateInput{guard(object)};
      default:
        fail("unknown variant `" + op + "`");
        return Assert{};
    }
  }

  std::string path_;
  Status error_;
};

std::string imm_hex(const ff::Fr& v) {
  std::array<uint8_t, 32> le = v.to_bytes_le();
  size_t n = le.size();
  while (n > 1 && le[n - 1] == 0) --n;
  return to_hex(std::span<const uint8_t>(le.data(), n));
}

OrderedJson alignment_json(const zkir::Alignment& alignment) {
  OrderedJson out = OrderedJson::array();
  for (const zkir::AlignmentSegment& segment : alignment.segments) {
    OrderedJson s;
    if (const auto* atom = std::get_if<zkir::AlignmentAtom>(&segment)) {
      s["tag"] = "atom";
      OrderedJson a;
      switch (atom->kind) {
        case zkir::AlignmentAtomKind::kCompress:
          a["tag"] = "compress";
          break;
        case zkir::AlignmentAtomKind::kField:
          a["tag"] = "field";
          break;
        case zkir::AlignmentAtomKind::kBytes:
          a["tag"] = "bytes";
          a["length"] = atom->length;
          break;
      }
      s["value"] = std::move(a);
    } else {
      s["tag"] = "option";
      OrderedJson branches = OrderedJson::array();
      for (const zkir::Alignment& branch : std::get<zkir::AlignmentOption>(segment).branches) {
        branches.push_back(alignment_json(branch));
      }
      s["value"] = std::move(branches);
    }
    out.push_back(std::move(s));
  }
  return out;
}

OrderedJson guard_json(const std::optional<zkir::Index>& g) {
  return g ? OrderedJson(*g) : OrderedJson(nullptr);
}

struct ToJson {
  OrderedJson& j;
  void operator()(const zkir::Assert& v) { j["cond"] = v.cond; }
  void operator()(const zkir::CondSelect& v) {
    j["bit"] = v.bit;
    j["a"] = v.a;
    j["b"] = v.b;
  }
  void operator()(const zkir::ConstrainBits& v) {
    j["var"] = v.var;
    j["bits"] = v.bits;
  }
  void operator()(const zkir::ConstrainEq& v) {
    j["a"] = v.a;
    j["b"] = v.b;
  }
  void operator()(const zkir::ConstrainToBoolean& v) { j["var"] = v.var; }
  void operator()(const zkir::Copy& v) { j["var"] = v.var; }
  void operator()(const zkir::DeclarePubInput& v) { j["var"] = v.var; }
  void operator()(const zkir::PiSkip& v) {
    j["guard"] = guard_json(v.guard);
    j["count"] = v.count;
  }
  void operator()(const zkir::EcAdd& v) {
    j["a_x"] = v.a_x;
    j["a_y"] = v.a_y;
    j["b_x"] = v.b_x;
    j["b_y"] = v.b_y;
  }
  void operator()(const zkir::EcMul& v) {
    j["a_x"] = v.a_x;
    j["a_y"] = v.a_y;
    j["scalar"] = v.scalar;
  }
  void operator()(const zkir::EcMulGenerator& v) { j["scalar"] = v.scalar; }
  void operator()(const zkir::HashToCurve& v) { j["inputs"] = v.inputs; }
  void operator()(const zkir::LoadImm& v) { j["imm"] = imm_hex(v.imm); }
  void operator()(const zkir::DivModPowerOfTwo& v) {
    j["var"] = v.var;
    j["bits"] = v.bits;
  }
  void operator()(const zkir::ReconstituteField& v) {
    j["divisor"] = v.divisor;
    j["modulus"] = v.modulus;
    j["bits"] = v.bits;
  }
  void operator()(const zkir::Output& v) { j["var"] = v.var; }
  void operator()(const zkir::TransientHash& v) { j["inputs"] = v.inputs; }
  void operator()(const zkir::PersistentHash& v) {
    j["alignment"] = alignment_json(v.alignment);
    j["inputs"] = v.inputs;
  }
  void operator()(const zkir::TestEq& v) {
    j["a"] = v.a;
    j["b"] = v.b;
  }
  void operator()(const zkir::Add& v) {
    j["a"] = v.a;
    j["b"] = v.b;
  }
  void operator()(const zkir::Mul& v) {
    j["a"] = v.a;
    j["b"] = v.b;
  }
  void operator()(const zkir::Neg& v) { j["a"] = v.a; }
  void operator()(const zkir::Not& v) { j["a"] = v.a; }
  void operator()(const zkir::LessThan& v) {
    j["a"] = v.a;
    j["b"] = v.b;
    j["bits"] = v.bits;
  }
  void operator()(const zkir::PublicInput& v) { j["guard"] = guard_json(v.guard); }
  void operator()(const zkir::PrivateInput& v) { j["guard"] = guard_json(v.guard); }
};

}  // namespace

Result<zkir::Ir> ir_from_json(std::string_view text) {
  if (json_exceeds_depth(text, kMaxJsonDepth)) {
    return invalid_argument("JSON nesting deeper than " + std::to_string(kMaxJsonDepth));
  }
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {
    return invalid_argument(std::string("invalid JSON: ") + e.what());
  }
  return FromJson().run(doc);
}

std::string ir_to_json(const zkir::Ir& ir) {
  OrderedJson doc;
  doc["version"] = {{"major", 2}, {"minor", static_cast<int>(ir.version)}};
  doc["do_communications_commitment"] = ir.do_communications_commitment;
  doc["num_inputs"] = ir.num_inputs;
  OrderedJson list = OrderedJson::array();
  for (const zkir::Instruction& instruction : ir.instructions) {
    OrderedJson j;
    j["op"] = std::string(zkir::op_name(instruction));
    std::visit(ToJson{j}, instruction);
    list.push_back(std::move(j));
  }
  doc["instructions"] = std::move(list);
  return doc.dump(2);
}

Result<std::vector<uint8_t>> json_ir_to_binary(std::string_view text) {
  Result<zkir::Ir> ir = ir_from_json(text);
  if (!ir.is_ok()) return ir.status();
  return encode_ir(*ir);
}

}  // namespace nightjar::midnight
